package org.earshot.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * The JobManager and TaskManagers of a local session cluster as Flink's own scripts start them: each with a
 * {@code config.yaml} in a folder of its own, its JVM's memory flags and dynamic settings worked out by Flink from that
 * configuration (what {@code jobmanager.sh} and {@code taskmanager.sh} ask {@code BashJavaUtils} for), and its main
 * class given {@code --configDir}.
 */
final class FlinkProcesses {
    static final String JOBMANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASKMANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final int SLOTS_PER_TASKMANAGER = 2;

    private FlinkProcesses() {}

    /** What every process of the cluster shares: addresses, state, restarts, and how soon a lost TaskManager is noticed. */
    static Map<String, String> shared(ClusterPorts ports, Path root) {
        Map<String, String> conf = new TreeMap<>();
        conf.put("jobmanager.rpc.address", "127.0.0.1");
        conf.put("jobmanager.rpc.port", String.valueOf(ports.rpc()));
        conf.put("jobmanager.bind-host", "127.0.0.1");
        conf.put("rest.address", "127.0.0.1");
        conf.put("rest.bind-address", "127.0.0.1");
        conf.put("rest.port", String.valueOf(ports.rest()));
        conf.put("blob.server.port", String.valueOf(ports.blob()));
        conf.put("taskmanager.host", "127.0.0.1");
        conf.put("taskmanager.bind-host", "127.0.0.1");
        conf.put("taskmanager.numberOfTaskSlots", String.valueOf(SLOTS_PER_TASKMANAGER));
        conf.put("parallelism.default", String.valueOf(SLOTS_PER_TASKMANAGER));
        // A job's slots spread over both TaskManagers, so losing either one is a failure the job must recover from.
        conf.put("taskmanager.load-balance.mode", "slots");
        conf.put("jobmanager.memory.process.size", "1024m");
        conf.put("taskmanager.memory.process.size", "2048m");
        // RocksDB keeps its data off the heap in managed memory; the jobs' models and rule matchers live on the heap.
        conf.put("taskmanager.memory.managed.fraction", "0.25");
        conf.put("state.backend.type", "rocksdb");
        conf.put("execution.checkpointing.incremental", "true");
        conf.put("execution.checkpointing.dir", root.resolve("checkpoints").toUri().toString());
        conf.put("execution.checkpointing.savepoint-dir", root.resolve("savepoints").toUri().toString());
        conf.put("restart-strategy.type", "exponential-delay");
        conf.put("restart-strategy.exponential-delay.initial-backoff", "1 s");
        conf.put("restart-strategy.exponential-delay.max-backoff", "10 s");
        conf.put("heartbeat.interval", "2000");
        conf.put("heartbeat.timeout", "20000");
        conf.put("web.upload.dir", root.resolve("flink/uploads").toString());
        return conf;
    }

    /** Writes {@code config.yaml} and a log4j2 configuration into {@code confDir}. */
    static void writeConfig(Path confDir, Map<String, String> conf) {
        StringBuilder yaml = new StringBuilder("# Written by earshot cluster up: a local session cluster's configuration.\n");
        conf.forEach((key, value) -> yaml.append(key).append(": \"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n"));
        try {
            Files.createDirectories(confDir);
            Files.writeString(confDir.resolve("config.yaml"), yaml);
            Files.writeString(confDir.resolve("log4j.properties"), """
                    rootLogger.level = INFO
                    rootLogger.appenderRef.file.ref = File
                    appender.file.name = File
                    appender.file.type = File
                    appender.file.append = true
                    appender.file.fileName = ${sys:log.file}
                    appender.file.layout.type = PatternLayout
                    appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
                    logger.kafka.name = org.apache.kafka
                    logger.kafka.level = WARN
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Flink's configuration in " + confDir + ": " + e.getMessage(), e);
        }
    }

    /** The JobManager's JVM flags, from its configured process size. */
    static List<String> jobManagerJvm(Map<String, String> conf, Path confDir, Path log) {
        Configuration flink = Configuration.fromMap(conf);
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(flink);
        return jvm(JobManagerProcessUtils.generateJvmParametersStr(spec, flink), confDir, log);
    }

    /** The TaskManager's JVM flags, from its configured process size. */
    static List<String> taskManagerJvm(Map<String, String> conf, Path confDir, Path log) {
        return jvm(ProcessMemoryUtils.generateJvmParametersStr(taskManagerSpec(conf)), confDir, log);
    }

    /** The TaskManager's arguments: its configuration folder and the memory sizes Flink derived, as {@code -D key=value}. */
    static List<String> taskManagerArguments(Map<String, String> conf, Path confDir) {
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(words(TaskExecutorProcessUtils.generateDynamicConfigsStr(taskManagerSpec(conf))));
        return args;
    }

    private static TaskExecutorProcessSpec taskManagerSpec(Map<String, String> conf) {
        return TaskExecutorProcessUtils.processSpecFromConfig(Configuration.fromMap(conf));
    }

    private static List<String> jvm(String memory, Path confDir, Path log) {
        List<String> flags = new ArrayList<>(words(memory));
        flags.add("-XX:+UseParallelGC");
        flags.add("-XX:-UseCodeCacheFlushing"); // as the launcher: compiled code stays compiled (see jobs/bin/earshot)
        flags.add("-Dlog.file=" + log);
        flags.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        return flags;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
