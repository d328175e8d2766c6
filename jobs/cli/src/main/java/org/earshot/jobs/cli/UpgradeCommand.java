package org.earshot.jobs.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.earshot.jobs.cluster.FlinkRest;
import org.earshot.jobs.cluster.JobJar;
import org.earshot.jobs.settings.EarshotConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code earshot upgrade JOB}: a running job replaced by the current jar's, from a savepoint of it. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {"Replace a running job with the one in the current cluster jar, without losing or repeating a mention: stop it "
                + "with a savepoint (its sources first, so nothing is in flight), upload the jar, and start the job from the savepoint. "
                + "For example:",
                "  earshot upgrade listen"})
final class UpgradeCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions settings;

    @Mixin
    JobManagerOptions cluster;

    @Mixin
    JobSubmission submission;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the savepoint goes (default: the cluster's savepoint folder).")
    String dir;

    @Override
    public Integer call() {
        JobJar which = submission.which();
        EarshotConfig config = JobSubmission.config(settings, cluster);
        try (FlinkRest flink = cluster.client(settings.data())) {
            List<FlinkRest.Job> running = flink.jobs().stream()
                    .filter(j -> j.name().equals(which.jobName()) && j.state().equals("RUNNING")).toList();
            if (running.size() != 1) {
                throw new IllegalStateException(running.size() + " jobs named " + which.jobName() + " are running at " + flink.address()
                        + "; upgrade takes exactly one (earshot jobs list shows them)");
            }
            String old = running.get(0).id();
            System.err.println("Stopping " + which.jobName() + " (" + old + ") with a savepoint …");
            String savepoint = flink.stopWithSavepoint(old, dir, Duration.ofMinutes(10));
            System.err.println("Savepoint " + savepoint);
            String id = submission.submit(flink, cluster, config, savepoint);
            System.out.println(id);
            System.out.println("Upgraded " + which.jobName() + ": job " + old + " stopped at " + savepoint + ", job " + id + " started from it.");
        }
        return 0;
    }
}
