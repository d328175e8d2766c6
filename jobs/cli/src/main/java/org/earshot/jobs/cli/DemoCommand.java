package org.earshot.jobs.cli;

import org.earshot.dashboards.Dashboards;
import org.earshot.dashboards.Database;
import org.earshot.dashboards.rules.Projects;
import org.earshot.jobs.local.LocalDashboards;
import org.earshot.pipeline.search.MentionIndex;
import org.earshot.pipeline.search.MentionIndexer;
import org.earshot.jobs.settings.ListenKeys;
import org.earshot.jobs.settings.IngestKeys;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.jobs.demo.DemoFeed;
import org.earshot.jobs.demo.DemoAlerts;
import org.earshot.jobs.demo.DemoPublish;
import org.earshot.jobs.PublishJob;
import org.earshot.jobs.settings.PublishKeys;
import org.earshot.pipeline.publish.Accounts;
import org.earshot.jobs.demo.DemoRules;
import org.earshot.pipeline.alerts.SubscriptionCheck;
import org.earshot.pipeline.kafka.CompactedTopic;
import org.earshot.schemas.Topics;
import org.earshot.jobs.demo.DemoNetworks;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.IngestJob;
import org.earshot.pipeline.ingest.poll.SourcesFile;
import org.earshot.jobs.JobState;
import org.earshot.jobs.ListenJob;
import org.earshot.jobs.ListenOptions;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.KafkaConnection;
import org.earshot.jobs.local.LocalWebhook;
import org.earshot.jobs.local.LocalServices;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.local.demo.DemoMentions;
import org.earshot.pipeline.kafka.RulesTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code earshot demo}: the whole pipeline on embedded defaults, fed by the mention generator. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline on generated mentions, with a live view.",
                "Starts embedded Kafka and ClickHouse, the demo feed and the Listen job on this machine and runs until Ctrl-C (or --for).",
                "Data stays in --data; running it again resumes from the last checkpoint."})
final class DemoCommand implements Callable<Integer> {
    static final String DEMO_SECRET = "demo-alerts.whsec";

    @Mixin
    SettingsOptions settings;

    @Option(names = "--rate", defaultValue = "200", paramLabel = "N", description = "Generated mentions per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--network-rate", defaultValue = "10", paramLabel = "N",
            description = "Posts per second published on the local stand-in networks the Ingest sources poll (default: ${DEFAULT-VALUE}).")
    double networkRate;

    @Option(names = "--sources", paramLabel = "FILE",
            description = "Listen to the real feeds and networks in this sources file instead of the local stand-ins.")
    java.nio.file.Path sources;

    @Mixin
    LocalRunOptions run;

    @Override
    public Integer call() throws Exception {
        Duration limit = run.limit(); // a mistake here is said before anything starts
        EarshotConfig config = settings.config();
        if (sources != null) config = config.with(IngestKeys.SOURCES, sources.toString(), "--sources");
        SourcesFile.Sources listened = sources != null ? IngestJob.sources(config) : null;
        DataDirectory data = new DataDirectory(settings.data()).lock();
        LocalServices services = LocalServices.open(config, data);
        KafkaConnection kafka = services.kafka();
        DemoNetworks networks = null;
        JobClient job;
        LocalWebhook webhook;
        MentionIndex index = null;
        MentionIndexer indexer = null;
        Dashboards dashboards = null;
        DemoAlerts alerts = null;
        DemoPublish publish = null;
        int seeded;
        try {
            // Kafka transactions commit on checkpoints: a short interval keeps the demo's output lively.
            ListenOptions options = services.listenOptions();
            if (!config.isSet(ListenKeys.CHECKPOINT_INTERVAL)) options = options.withCheckpointInterval(Duration.ofSeconds(2));
            StreamExecutionEnvironment env = LocalFlink.environment(data.checkpoints("demo"), options.checkpointInterval(), 1, run.fresh, JobState.backend(config));
            seeded = DemoRules.seed(new RulesTopic(kafka.settings()));
            alerts = DemoAlerts.start(new CompactedTopic<>(kafka.settings(), Topics.SUBSCRIPTIONS), data.root().resolve("logs"), demoSecret(data));
            DemoFeed.attach(env, kafka.settings(), DemoMentions.live(), Long.MAX_VALUE, rate);
            networks = listened == null ? DemoNetworks.start(DemoMentions.live(), networkRate) : null;
            if (networks != null) {
                IngestJob.attach(env, kafka.settings(), networks.sources(Duration.ofSeconds(2)), DemoNetworks.http());
            } else {
                IngestJob.attach(env, kafka.settings(), listened.specs(), IngestJob.http(config, listened));
            }
            ListenJob.attach(env, options);
            if (networks != null) {
                Accounts accounts = new Accounts(AccountsCommand.file(config, settings.data()));
                publish = DemoPublish.start(networks.networks(), accounts, data.secrets(), new CompactedTopic<>(kafka.settings(), Topics.PUBLICATIONS));
                PublishJob.attach(env, kafka.settings(), config.get(PublishKeys.GROUP_ID), PublishJob.options(config, accounts.file().toString()),
                        options.clickhouse());
            }
            job = env.executeAsync("earshot-demo");
            webhook = LocalWebhook.start(config, kafka.settings(), data, true).orElseThrow();
            index = MentionIndex.open(data.index());
            indexer = LocalDashboards.indexer(config, kafka.settings(), index).start();
            dashboards = LocalDashboards.start(config, services, index);
            DemoRules.seed(new Projects(new Database(services.clickhouse()::connect)));
        } catch (Exception | Error e) {
            // Until the runner owns them, the services are this method's to stop.
            if (dashboards != null) dashboards.close();
            if (alerts != null) alerts.close();
            if (publish != null) publish.close();
            if (indexer != null) indexer.close();
            if (index != null) index.close();
            if (networks != null) networks.close();
            services.close();
            data.close();
            throw e;
        }
        System.out.printf("Earshot demo: %s, data in %s, %,.0f mentions/s.%n", services.description(), data.root(), rate);
        System.out.println(networks != null
                ? String.format("Ingest sources poll local RSS, Mastodon, Jetstream, Reddit and Hacker News stand-ins (%,.0f posts/s); --sources FILE listens to real ones.", networkRate)
                : "Ingest sources: " + listened.specs().size() + " from " + sources + ".");
        System.out.println("Webhook: POST JSON mentions to " + webhook.description() + ".");
        System.out.println("Everything listens on 127.0.0.1 and asks for a key; the keys are in " + data.root().resolve("secrets")
                + " (kafka-client.properties for Kafka's own tools; earshot commands find them there).");
        System.out.println("earshot.mentions → Listen job (rules from earshot.rules) → earshot.mentions.enriched and ClickHouse"
                + " (mentions, mention_rules, rule_minute, rule_hour_terms; + earshot.deadletters).");
        if (seeded > 0) System.out.printf("Added %d demo rules: earshot rules list shows them, earshot rules add changes them live.%n", seeded);
        System.out.println("Alerts: a volume spike and a sentiment shift on Aurora, set off by the generator's first outage burst about 23 s in;"
                + " signed webhooks land in " + alerts.logFile() + "; earshot alerts history lists them, the dashboard's Alerts screen too.");
        if (publish != null) {
            System.out.println("Publishing: accounts " + DemoPublish.MASTODON + " and " + DemoPublish.BLUESKY + " on the stand-ins; a reply from each goes out"
                    + " about 20 s in and comes back as a mention. earshot publish list shows them; reply from the dashboard's mention view, or"
                    + " earshot publish reply MENTION TEXT --account " + DemoPublish.MASTODON + ".");
        }
        System.out.println("Query while it runs: earshot sql \"SELECT rule_id, minute, sum(mentions) FROM rule_minute_whole GROUP BY ALL ORDER BY minute DESC, rule_id LIMIT 12\".");
        System.out.println("Search every mention while it runs and after: earshot search 'aurora AND (battery OR crash*)' --sentiment negative.");
        System.out.println("Dashboard: " + dashboards.server().url() + "; this link signs you in once, within 15 minutes: "
                + LocalDashboards.signInLink(dashboards, services.clickhouse(), data));
        System.out.println("Ctrl-C stops; the next run resumes.");
        MentionIndex searchIndex = index;
        MentionIndexer searchIndexer = indexer;
        Dashboards server = dashboards;
        try {
            return new JobRunner(job, data.checkpoints("demo"), services, data, System.out)
                    .beforeServicesClose(() -> {
                        server.close();
                        try {
                            searchIndexer.finish(); // everything the job committed, searchable after the demo stops
                        } finally {
                            searchIndex.close();
                        }
                    })
                    .run(limit);
        } finally {
            webhook.close();
            alerts.close();
            if (publish != null) publish.close();
            if (networks != null) networks.close();
        }
    }

    /** The signing secret of the demo's webhook subscriptions, made on first use. */
    private static String demoSecret(DataDirectory data) {
        return data.secrets().existing(DEMO_SECRET).orElseGet(() -> {
            String secret = SubscriptionCheck.newSecret();
            data.secrets().write(DEMO_SECRET, secret);
            return secret;
        });
    }
}
