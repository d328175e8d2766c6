package org.earshot.jobs.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Java process this machine starts and outlives: its own JVM on a class path taken from this one, output to a log
 * file, its pid in a file so that a later command can find it, check it is still the same process, and stop it.
 *
 * @param name     what it is called in messages and file names ({@code jobmanager}, {@code kafka-2}, …)
 * @param pidFile  where its pid is kept
 * @param marker   a text its command line holds (its data folder), so a recycled pid is not taken for it
 */
record JavaProcess(String name, Path pidFile, String marker) {

    /** Its class path from this JVM's: all of it, or without Earshot's and Kafka's classes, as a Flink distribution's {@code lib}. */
    static String classPath(boolean flinkDistribution) {
        List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !flinkDistribution || !notInFlinkDistribution(entry)).toList();
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Earshot's own classes, Kafka's and the Kafka connector: a cluster's JVMs must get these from the job jar, as they do from
     * a real distribution, which ships none of them.
     */
    private static boolean notInFlinkDistribution(String entry) {
        String file = Path.of(entry).getFileName().toString();
        return entry.contains("/target/classes") || entry.contains("/target/test-classes") || file.startsWith("earshot-")
                || file.startsWith("kafka") || file.startsWith("flink-connector-kafka") || entry.contains("/org/earshot/")
                || entry.contains("/org/apache/kafka/");
    }

    /** The JVM flags this JVM was given to open the JDK's internals (Flink and Kafka need them), for the child too. */
    static List<String> openedModules() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("--add-exports")).toList();
    }

    /** Starts it, unless it already runs; returns its pid. */
    long start(String classPath, List<String> jvmOptions, String mainClass, List<String> arguments, Map<String, String> environment,
               Path log) {
        Optional<ProcessHandle> running = running();
        if (running.isPresent()) return running.get().pid();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(openedModules());
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(pidFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            Files.writeString(pidFile, String.valueOf(process.pid()));
            return process.pid();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** The process, if it runs: the pid in its file, alive, with the marker on its command line. */
    Optional<ProcessHandle> running() {
        if (!Files.isRegularFile(pidFile)) return Optional.empty();
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Asks it to stop (SIGTERM, so it shuts down cleanly), waits, then kills it; true if it was running. */
    boolean stop(Duration grace) {
        Optional<ProcessHandle> process = running();
        process.ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
            }
        });
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return process.isPresent();
    }
}
