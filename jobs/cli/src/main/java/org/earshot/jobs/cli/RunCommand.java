package org.earshot.jobs.cli;

import org.earshot.jobs.settings.IngestKeys;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.IngestJob;
import org.earshot.pipeline.ingest.poll.SourcesFile;
import org.earshot.jobs.JobState;
import org.earshot.jobs.ListenJob;
import org.earshot.jobs.PublishJob;
import org.earshot.jobs.settings.PublishKeys;
import org.earshot.jobs.ListenOptions;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.LocalServices;
import org.earshot.jobs.local.LocalWebhook;
import org.earshot.jobs.local.LocalFlink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code earshot run JOB}: one of Earshot's jobs on a local MiniCluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one of Earshot's jobs on this machine (jobs: listen, ingest, publish).",
                "ingest polls the sources listed in a sources file (--sources, or the setting ingest.sources) into earshot.mentions.",
                "publish sends the replies and posts of earshot publish from the accounts of earshot accounts, each once, when due.",
                "Uses the configured Kafka (kafka.bootstrap-servers), or an embedded broker when none is "
                        + "configured, and runs until Ctrl-C (or --for), resuming from its last checkpoint."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions settings;

    @Parameters(paramLabel = "JOB", description = "The job to run: ${COMPLETION-CANDIDATES}.")
    Job job;

    @Option(names = "--parallelism", defaultValue = "1", paramLabel = "N", description = "Parallel subtasks per operator (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--sources", paramLabel = "FILE", description = "ingest: the sources file (YAML; see pipeline/README.md, Feeds and networks).")
    java.nio.file.Path sources;

    @Mixin
    LocalRunOptions run;

    enum Job { listen, ingest, publish }

    @Override
    public Integer call() throws Exception {
        java.time.Duration limit = run.limit(); // a mistake here is said before anything starts
        EarshotConfig config = settings.config();
        if (sources != null) config = config.with(IngestKeys.SOURCES, sources.toString(), "--sources");
        // Read the sources before starting anything: a mistake there is one sentence, not a stack trace.
        SourcesFile.Sources ingest = job == Job.ingest ? IngestJob.sources(config) : null;
        DataDirectory data = new DataDirectory(settings.data()).lock();
        LocalServices services = LocalServices.open(config, data);
        JobClient client;
        java.util.Optional<LocalWebhook> webhook;
        String name;
        try {
            ListenOptions options = services.listenOptions();
            StreamExecutionEnvironment env = LocalFlink.environment(
                    data.checkpoints(job.name()), options.checkpointInterval(), parallelism, run.fresh, JobState.backend(config));
            if (job == Job.ingest) {
                IngestJob.attach(env, services.kafka().settings(), ingest.specs(), IngestJob.http(config, ingest));
                name = IngestJob.NAME;
            } else if (job == Job.publish) {
                PublishJob.attach(env, services.kafka().settings(), config.get(PublishKeys.GROUP_ID),
                        PublishJob.options(config, AccountsCommand.file(config, settings.data()).toString()), options.clickhouse());
                name = PublishJob.NAME;
            } else {
                ListenJob.attach(env, options);
                name = ListenJob.NAME;
            }
            client = env.executeAsync(name);
            webhook = job == Job.ingest ? LocalWebhook.start(config, services.kafka().settings(), data, false) : java.util.Optional.empty();
        } catch (Exception | Error e) {
            // Until the runner owns them, the services are this method's to stop (a second run in this JVM would find them held).
            services.close();
            data.close();
            throw e;
        }
        webhook.ifPresent(w -> System.out.println("Webhook: POST JSON mentions to " + w.description() + "."));
        System.out.printf("%s job running on %s, checkpoints in %s. Ctrl-C stops; the next run resumes.%n",
                job == Job.ingest ? "Ingest (" + ingest.specs().size() + " sources)" : job == Job.publish ? "Publish" : "Listen",
                services.description(), data.checkpoints(job.name()));
        try {
            return new JobRunner(client, data.checkpoints(job.name()), services, data, System.out).run(limit);
        } finally {
            webhook.ifPresent(LocalWebhook::close);
        }
    }
}
