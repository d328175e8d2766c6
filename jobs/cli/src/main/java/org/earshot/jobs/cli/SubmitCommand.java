package org.earshot.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.earshot.jobs.cluster.FlinkRest;
import org.earshot.jobs.cluster.JobJar;
import org.earshot.jobs.cluster.LocalCluster;
import org.earshot.jobs.settings.EarshotConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code earshot submit JOB}: the cluster jar's job on a Flink cluster, through its REST API. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Run a job on a Flink cluster: upload the cluster jar (jobs/flink/target/earshot-jobs-flink.jar) through "
                + "the JobManager's REST API and start the job from it, with the settings given (--config, --set, EARSHOT_*) as its "
                + "arguments. Secrets are never sent as arguments: the cluster's processes read them from EARSHOT_* variables "
                + "(the local cluster's JobManager has them). For example:",
                "  earshot submit listen",
                "  earshot submit ingest --jobmanager flink.internal:8081 --config prod.properties",
                "The same jar runs with Flink's own command, with the settings as arguments:",
                "  flink run -c org.earshot.jobs.ListenJob earshot-jobs-flink.jar --kafka.bootstrap-servers kafka:9092"})
final class SubmitCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions settings;

    @Mixin
    JobManagerOptions cluster;

    @Parameters(index = "0", paramLabel = "JOB", description = "listen, ingest, replay or publish.")
    String job;

    @Option(names = "--jar", paramLabel = "FILE", description = "The job jar (default: the one built beside this command).")
    Path jar;

    @Option(names = "--from-savepoint", paramLabel = "PATH", description = "Start from this savepoint or retained checkpoint.")
    String savepoint;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Parallel instances of each operator (default: the cluster's parallelism.default; 2 on the local cluster).")
    Integer parallelism;

    @Override
    public Integer call() {
        JobJar which = JobJar.named(job);
        EarshotConfig config = config(settings, cluster);
        Path file = jarFile(jar);
        try (FlinkRest flink = cluster.client(settings.data())) {
            String id = submit(flink, which, file, config, savepoint, parallelism(parallelism, cluster));
            System.out.println(id);
            System.out.println("Submitted " + which.jobName() + " as job " + id + " to " + flink.address()
                    + (savepoint != null ? " from " + savepoint : "") + "; earshot jobs list shows it.");
            List<String> secrets = JobJar.secretsLeftOut(config);
            if (!secrets.isEmpty() && !cluster.local()) {
                System.err.println("Not sent as arguments (secrets): " + String.join(", ", secrets)
                        + "; the cluster's JobManager must have them as EARSHOT_* variables.");
            }
        }
        return 0;
    }

    /** Uploads {@code jar} and starts {@code job} from it; returns the job's id. */
    static String submit(FlinkRest flink, JobJar job, Path jar, EarshotConfig config, String savepoint, Integer parallelism) {
        System.err.println("Uploading " + jar.getFileName() + " to " + flink.address() + " …");
        String jarId = flink.upload(jar);
        return flink.run(jarId, job.entryClass(), JobJar.arguments(config), savepoint, parallelism);
    }

    /** The parallelism asked for; on the local cluster, one per slot of a TaskManager unless asked. */
    static Integer parallelism(Integer given, JobManagerOptions cluster) {
        return given != null || !cluster.local() ? given : Integer.valueOf(LocalCluster.SLOTS_PER_TASKMANAGER);
    }

    /** The settings for a job: the local cluster's (how to reach its Kafka and ClickHouse) under the user's own. */
    static EarshotConfig config(SettingsOptions settings, JobManagerOptions cluster) {
        EarshotConfig given = settings.config();
        if (!cluster.local()) return given;
        Map<String, String> merged = new LinkedHashMap<>(cluster.local(settings.data()).settings());
        given.given().forEach((key, value) -> merged.put(key, value.text()));
        return EarshotConfig.of(merged);
    }

    static Path jarFile(Path given) {
        Path file = given != null ? given : JobJar.built().orElseThrow(() -> new IllegalArgumentException(
                "no cluster jar beside this command (mvn package builds jobs/flink/target/earshot-jobs-flink.jar); give --jar"));
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no job jar at " + file);
        return file;
    }
}
