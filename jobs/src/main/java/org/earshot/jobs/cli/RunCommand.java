package org.earshot.jobs.cli;

import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.jobs.EarshotConfig;
import org.earshot.jobs.ListenJob;
import org.earshot.jobs.ListenOptions;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.LocalServices;
import org.earshot.jobs.local.LocalFlink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code earshot run JOB}: one of Earshot's jobs on a local MiniCluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one of Earshot's jobs on this machine (jobs: listen).",
                "Uses the configured Kafka (kafka.bootstrap-servers), or an embedded broker when none is configured,",
                "and runs until Ctrl-C (or --for), resuming from its last checkpoint."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions settings;

    @Parameters(paramLabel = "JOB", description = "The job to run: ${COMPLETION-CANDIDATES}.")
    Job job;

    @Option(names = "--parallelism", defaultValue = "1", paramLabel = "N", description = "Parallel subtasks per operator (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Mixin
    LocalRunOptions run;

    enum Job { listen }

    @Override
    public Integer call() throws Exception {
        EarshotConfig config = settings.config();
        DataDirectory data = new DataDirectory(settings.data()).lock();
        LocalServices services = LocalServices.open(config, data);
        ListenOptions options = services.listenOptions();
        StreamExecutionEnvironment env = LocalFlink.environment(
                data.checkpoints(job.name()), options.checkpointInterval(), parallelism, run.fresh);
        ListenJob.attach(env, options);
        JobClient client = env.executeAsync(ListenJob.NAME);
        System.out.printf("Listen job running on %s, checkpoints in %s. Ctrl-C stops; the next run resumes.%n",
                services.description(), data.checkpoints(job.name()));
        return new JobRunner(client, services, data, System.out).run(run.limit());
    }
}
