package org.earshot.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.earshot.jobs.cluster.FlinkRest;
import org.earshot.jobs.cluster.LocalCluster;
import picocli.CommandLine.Option;

/** Which Flink cluster a command talks to: {@code --jobmanager}, else the local cluster of {@code earshot cluster up}. */
final class JobManagerOptions {
    @Option(names = "--jobmanager", paramLabel = "HOST:PORT",
            description = "The JobManager's REST address (default: the cluster earshot cluster up started in DATA/cluster).")
    String jobManager;

    /** The local cluster when no {@code --jobmanager} is given; it must have been started. */
    LocalCluster local(Path data) {
        if (!Files.isRegularFile(data.resolve("cluster").resolve("cluster.json"))) {
            throw new IllegalArgumentException("no --jobmanager given and no local cluster in " + data.toAbsolutePath().normalize()
                    .resolve("cluster") + " (earshot cluster up starts one)");
        }
        return LocalCluster.in(data);
    }

    boolean local() {
        return jobManager == null;
    }

    FlinkRest client(Path data) {
        return new FlinkRest(jobManager != null ? jobManager : local(data).jobManager());
    }
}
