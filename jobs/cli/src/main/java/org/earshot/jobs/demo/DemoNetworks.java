package org.earshot.jobs.demo;

import org.earshot.jobs.settings.ListenKeys;
import org.earshot.pipeline.text.PlainText;
import java.util.ArrayList;
import java.net.URI;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.earshot.local.demo.DemoMentions;
import org.earshot.pipeline.ingest.http.HttpSettings;
import org.earshot.local.networks.LocalNetworks;
import org.earshot.pipeline.ingest.poll.Network;
import org.earshot.pipeline.ingest.poll.SourceSpec;
import org.earshot.schemas.Mention;

/**
 * The demo's stand-in networks: {@link LocalNetworks} on 127.0.0.1, publishing generated posts on
 * each network in turn, so the Ingest job's every source path (RSS, Mastodon, Jetstream, Reddit,
 * Hacker News) runs on a fresh machine without the internet.
 */
public final class DemoNetworks implements AutoCloseable {
    /** Generator indexes far from the demo feed's, so these posts are new ones, not its copies. */
    private static final long FIRST_INDEX = 1L << 40;

    private final LocalNetworks networks;
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-networks");
        t.setDaemon(true);
        return t;
    });
    private long next = FIRST_INDEX;

    private DemoNetworks(LocalNetworks networks) {
        this.networks = networks;
    }

    /** Starts the networks publishing {@code perSecond} posts in all. */
    public static DemoNetworks start(DemoMentions generator, double perSecond) throws IOException {
        DemoNetworks demo = new DemoNetworks(new LocalNetworks());
        long periodMicros = (long) (1_000_000 / Math.max(0.1, perSecond));
        demo.publisher.scheduleAtFixedRate(() -> demo.publish(generator), 0, periodMicros, TimeUnit.MICROSECONDS);
        return demo;
    }

    private void publish(DemoMentions generator) {
        Network[] all = Network.values();
        long index = next++;
        Mention m = generator.mention(index);
        m.publishedAt = Instant.now();
        // The stand-ins take what the author wrote and mark it up as their network does; some generated posts
        // come as HTML already (RSS-shaped ones), which would be marked up twice.
        m.text = PlainText.clean(m.text, ListenKeys.MAX_TEXT_CHARS.defaultValue());
        networks.add(all[(int) (index % all.length)].label(), m);
    }

    /** The stand-ins themselves: where the demo's accounts publish. */
    public LocalNetworks networks() {
        return networks;
    }

    /** One source per network, polled every {@code every}. */
    public List<SourceSpec> sources(Duration every) {
        return sources(networks, every);
    }

    /** One source per network of {@code networks}, polled every {@code every}. */
    public static List<SourceSpec> sources(LocalNetworks networks, Duration every) {
        List<SourceSpec> out = new ArrayList<>();
        for (Network n : Network.values()) {
            SourceSpec spec = new SourceSpec(null, n, URI.create(networks.baseUrl(n.label())), n == Network.MASTODON ? LocalNetworks.TAG : null,
                    false, n == Network.REDDIT ? LocalNetworks.SUBREDDIT : null, null, every);
            out.add(n == Network.BLUESKY ? spec.withProfiles(URI.create(networks.profilesUrl())) : spec);
        }
        return out;
    }

    /** The local networks live on 127.0.0.1, so the demo's sources may reach that host, and only it. */
    public static HttpSettings http() {
        return HttpSettings.defaults().withPrivateHosts(Set.of("127.0.0.1")).withPerHostInterval(Duration.ofMillis(50));
    }

    @Override
    public void close() throws IOException {
        publisher.shutdownNow();
        networks.close();
    }
}
