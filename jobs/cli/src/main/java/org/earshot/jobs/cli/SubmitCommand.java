package org.earshot.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.earshot.jobs.cluster.FlinkRest;
import org.earshot.jobs.cluster.JobJar;
import org.earshot.jobs.settings.EarshotConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Mixin
    JobSubmission submission;

    @Option(names = "--from-savepoint", paramLabel = "PATH", description = "Start from this savepoint or retained checkpoint.")
    String savepoint;

    @Override
    public Integer call() {
        JobJar which = submission.which();
        EarshotConfig config = JobSubmission.config(settings, cluster);
        try (FlinkRest flink = cluster.client(settings.data())) {
            String id = submission.submit(flink, cluster, config, savepoint);
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
}
