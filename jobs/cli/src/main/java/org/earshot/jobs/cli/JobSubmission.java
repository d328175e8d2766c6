package org.earshot.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.earshot.jobs.cluster.FlinkRest;
import org.earshot.jobs.cluster.JobJar;
import org.earshot.jobs.cluster.LocalCluster;
import org.earshot.jobs.settings.EarshotConfig;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code submit} and {@code upgrade} share: which job, from which jar, at what parallelism. The settings and the
 * cluster stay the commands' own mixins: picocli resolves a nested mixin's command against the mixin, not the command.
 */
final class JobSubmission {
    @Parameters(index = "0", paramLabel = "JOB", description = "listen, ingest, replay or publish.")
    String job;

    @Option(names = "--jar", paramLabel = "FILE", description = "The job jar (default: the one built beside this command).")
    Path jar;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Parallel instances of each operator (default: the cluster's parallelism.default; 2 on the local cluster).")
    Integer parallelism;

    JobJar which() {
        return JobJar.named(job);
    }

    /** The settings for the job: the local cluster's (how to reach its Kafka and ClickHouse) under the user's own. */
    static EarshotConfig config(SettingsOptions settings, JobManagerOptions cluster) {
        EarshotConfig given = settings.config();
        if (!cluster.local()) return given;
        Map<String, String> merged = new LinkedHashMap<>(cluster.local(settings.data()).settings());
        given.given().forEach((key, value) -> merged.put(key, value.text()));
        return EarshotConfig.of(merged);
    }

    /** Uploads the jar and starts the job from it, from {@code savepoint} when given; returns the job's id. */
    String submit(FlinkRest flink, JobManagerOptions cluster, EarshotConfig config, String savepoint) {
        Path file = jar != null ? jar : JobJar.built().orElseThrow(() -> new IllegalArgumentException(
                "no cluster jar beside this command (mvn package builds jobs/flink/target/earshot-jobs-flink.jar); give --jar"));
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no job jar at " + file);
        System.err.println("Uploading " + file.getFileName() + " to " + flink.address() + " …");
        String jarId = flink.upload(file);
        // On the local cluster, one instance per slot of a TaskManager unless asked: the job survives losing the other.
        Integer instances = parallelism != null || !cluster.local() ? parallelism : Integer.valueOf(LocalCluster.SLOTS_PER_TASKMANAGER);
        return flink.run(jarId, which().entryClass(), JobJar.arguments(config), savepoint, instances);
    }
}
