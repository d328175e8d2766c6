package org.earshot.jobs.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.earshot.jobs.cluster.FlinkRest;
import org.earshot.jobs.cluster.LocalCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code earshot cluster}: a real Flink, Kafka and ClickHouse cluster on this machine, each part a process of its own. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"A real cluster on this machine, in DATA/cluster: a Flink session cluster (a JobManager and two TaskManagers "
                + "started from Flink's own entry points), three Kafka brokers (every topic on all three, two in sync for a write) "
                + "and a ClickHouse server, each its own process, all on 127.0.0.1. Jobs go to it with earshot submit."},
        subcommands = {ClusterCommand.Up.class, ClusterCommand.Down.class, ClusterCommand.Status.class})
final class ClusterCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** {@code --data}, the one option the cluster commands share. */
    static final class DataOption {
        @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
                description = "The data directory; the cluster lives in DIR/cluster (default: ${DEFAULT-VALUE}).")
        java.nio.file.Path data;
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {"Start the cluster, or whatever part of it is not running (a process that was stopped or killed), and "
                    + "return once every part answers. Prints the JobManager's address first, for example:",
                    "  earshot cluster up",
                    "  earshot submit listen"})
    static final class Up implements Callable<Integer> {
        @CommandLine.Mixin
        DataOption options = new DataOption();

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3min",
                description = "How long to wait for every part to answer (default: ${DEFAULT-VALUE}).")
        String timeout;

        @Override
        public Integer call() {
            LocalCluster cluster = LocalCluster.in(options.data);
            System.err.println("Starting what is not running of the cluster in " + cluster.root() + " …");
            cluster.up(LocalRunOptions.parse("--timeout", timeout));
            System.out.println(cluster.jobManager());
            System.out.println("Flink      " + cluster.jobManager() + "  (JobManager: REST API and web UI; two TaskManagers, "
                    + "2 slots each, RocksDB state, checkpoints in " + cluster.root().resolve("checkpoints") + ")");
            System.out.println("Kafka      " + cluster.kafka().bootstrapServers() + "  (three brokers, SASL; topics on all three, "
                    + "min.insync.replicas 2)");
            System.out.println("ClickHouse " + cluster.clickhouseUrl() + "  (user default)");
            System.out.println("Settings   " + cluster.settingsFile() + "  (secrets included: --config for earshot commands)");
            System.out.println("Logs       " + cluster.root().resolve("logs"));
            System.out.println("Next: earshot submit listen   ·   earshot jobs list   ·   earshot cluster down");
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stop every process of the cluster: cleanly, forcibly after 30 seconds. Data, checkpoints and "
                    + "savepoints stay, so earshot cluster up starts where it stopped.")
    static final class Down implements Callable<Integer> {
        @CommandLine.Mixin
        DataOption options = new DataOption();

        @Override
        public Integer call() {
            List<String> stopped = LocalCluster.in(options.data).down();
            System.out.println(stopped.isEmpty() ? "Nothing was running." : "Stopped " + String.join(", ", stopped) + ".");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Each process of the cluster with its pid, or stopped; the TaskManagers the JobManager knows and the "
                    + "jobs it runs. Exits 1 when a part is not running.")
    static final class Status implements Callable<Integer> {
        @CommandLine.Mixin
        DataOption options = new DataOption();

        @Override
        public Integer call() {
            LocalCluster cluster = LocalCluster.in(options.data);
            Map<String, Optional<Long>> status = cluster.status();
            status.forEach((name, pid) -> System.out.printf("%-14s %s%n", name, pid.map(p -> "running, pid " + p).orElse("stopped")));
            if (status.get("jobmanager").isPresent()) {
                try (FlinkRest flink = new FlinkRest(cluster.jobManager())) {
                    long running = flink.jobs().stream().filter(j -> j.state().equals("RUNNING")).count();
                    System.out.println(cluster.jobManager() + ": " + flink.taskManagers() + " TaskManagers, " + running + " jobs running");
                } catch (IllegalStateException e) {
                    System.out.println(cluster.jobManager() + ": " + e.getMessage());
                }
            }
            return status.values().stream().allMatch(Optional::isPresent) ? 0 : 1;
        }
    }
}
