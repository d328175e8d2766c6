package org.earshot.jobs.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.earshot.dashboards.Dashboards;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.LocalDashboards;
import org.earshot.jobs.local.LocalServices;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.pipeline.search.MentionIndex;
import org.earshot.pipeline.search.MentionIndexer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code earshot serve}: the dashboards alone, on the configured Kafka and ClickHouse (or this data directory's
 * embedded ones), with a search index of their own in the data directory, fed from {@code earshot.mentions.enriched}.
 * Several can run side by side, each with its own data directory: that is how the dashboards scale out.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the dashboards (the API under /api/v1 and the web dashboard) on dashboards.host:dashboards.port "
                               + "(default 127.0.0.1:8080), on the configured Kafka and ClickHouse or this data directory's own, "
                               + "keeping a search index in DATA/index. Prints a one-time sign-in link. Ctrl-C stops."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions settings;

    @Option(names = "--for", paramLabel = "DURATION", description = "Stop after this long (e.g. 30s, 5min) instead of waiting for Ctrl-C.")
    String duration;

    @Override
    public Integer call() throws Exception {
        EarshotConfig config = settings.config();
        Duration limit = duration == null ? null : LocalRunOptions.parse("--for", duration);
        DataDirectory data = new DataDirectory(settings.data()).lock();
        LocalServices services = LocalServices.open(config, data);
        MentionIndex index = MentionIndex.open(data.index());
        MentionIndexer indexer = LocalDashboards.indexer(config, services.kafka().settings(), index).start();
        Dashboards dashboards = LocalDashboards.start(config, services, index);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> stop(dashboards, indexer, index, services, data, stopped), "earshot-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("Dashboards at " + dashboards.server().url() + " (API " + dashboards.server().url() + "/api/v1, described at "
                + dashboards.server().url() + "/api/v1/openapi.json), on " + services.description() + ".");
        System.out.println("This link signs you in once, within 15 minutes: " + LocalDashboards.signInLink(dashboards, services.clickhouse(), data));
        System.out.println("earshot tokens create --role viewer|editor|admin makes tokens for scripts and colleagues. Ctrl-C stops.");
        try {
            if (limit == null) stopped.await();
            else stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopped.getCount() > 0) {
            Runtime.getRuntime().removeShutdownHook(hook);
            stop(dashboards, indexer, index, services, data, stopped);
        }
        return 0;
    }

    private static void stop(Dashboards dashboards, MentionIndexer indexer, MentionIndex index, LocalServices services, DataDirectory data,
                             CountDownLatch stopped) {
        try {
            dashboards.close();
            indexer.finish();
            index.close();
        } catch (Exception e) {
            System.err.println("earshot: stopping the search index: " + e.getMessage());
        } finally {
            services.close();
            data.close();
            stopped.countDown();
        }
    }
}
