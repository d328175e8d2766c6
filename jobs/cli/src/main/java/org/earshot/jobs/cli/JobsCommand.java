package org.earshot.jobs.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.earshot.jobs.cluster.FlinkRest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code earshot jobs}: the jobs on a Flink cluster, through its REST API. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "The jobs on a Flink cluster (the local one of earshot cluster up unless --jobmanager names another): list "
                + "them, cancel one, take a savepoint.",
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Cancel.class, JobsCommand.Savepoint.class})
final class JobsCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** {@code --data} for finding the local cluster, and {@code --jobmanager}. */
    static final class Target {
        @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
                description = "The data directory whose cluster is meant when no --jobmanager is given (default: ${DEFAULT-VALUE}).")
        java.nio.file.Path data;

        @Mixin
        JobManagerOptions cluster;

        FlinkRest client() {
            return cluster.client(data);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every job the cluster knows, newest first: id, state, start, name.")
    static final class ListJobs implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            try (FlinkRest flink = target.client()) {
                for (FlinkRest.Job job : flink.jobs()) {
                    System.out.printf("%s  %-10s  %s  %s%n", job.id(), job.state(), Instant.ofEpochMilli(job.startTime()), job.name());
                }
            }
            return 0;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a job, without a savepoint (earshot upgrade stops one with a savepoint).")
    static final class Cancel implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Parameters(paramLabel = "JOB_ID", description = "The job's id, as earshot jobs list shows it.")
        String id;

        @Override
        public Integer call() {
            try (FlinkRest flink = target.client()) {
                flink.cancel(id);
                System.out.println("Cancelling " + id + ".");
            }
            return 0;
        }
    }

    @Command(name = "savepoint", mixinStandardHelpOptions = true,
            description = "Take a savepoint of a running job, which keeps running; prints its path once written.")
    static final class Savepoint implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Parameters(paramLabel = "JOB_ID", description = "The job's id, as earshot jobs list shows it.")
        String id;

        @Option(names = "--dir", paramLabel = "DIR", description = "Where to write it (default: the cluster's savepoint folder).")
        String dir;

        @Override
        public Integer call() {
            try (FlinkRest flink = target.client()) {
                System.out.println(flink.savepoint(id, dir, Duration.ofMinutes(10)));
            }
            return 0;
        }
    }
}
