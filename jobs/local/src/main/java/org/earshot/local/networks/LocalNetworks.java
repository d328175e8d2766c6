package org.earshot.local.networks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import org.earshot.schemas.Mention;

/**
 * Stand-ins for the networks on 127.0.0.1, speaking each one's real wire format about posts
 * added to them: an RSS 2.0 feed ({@link FeedStandIn}), Mastodon's timelines and streaming
 * ({@link MastodonStandIn}), Reddit's listings ({@link RedditStandIn}), the Hacker News item API
 * ({@link HackerNewsStandIn}), and Bluesky's Jetstream and profiles ({@link BlueskyStandIn}). The
 * demo feeds it generated posts so every source path runs on a fresh machine; tests add posts and
 * watch the sources resume.
 */
public final class LocalNetworks implements AutoCloseable {
    public static final String TAG = "earshot";
    public static final String SUBREDDIT = "earshot";

    private final Timelines timelines = new Timelines();
    private final HttpServer http;
    private final MastodonStandIn mastodon = new MastodonStandIn(timelines);
    private final BlueskyStandIn bluesky;

    public LocalNetworks() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        http.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-networks");
            t.setDaemon(true);
            return t;
        }));
        bluesky = new BlueskyStandIn(timelines);
        new FeedStandIn(timelines).register(http);
        mastodon.register(http);
        new RedditStandIn(timelines).register(http);
        new HackerNewsStandIn(timelines).register(http);
        bluesky.register(http);
        http.start();
    }

    /** The base URL for a network's sources ({@code ws://…} for Jetstream). */
    public String baseUrl(String network) {
        return baseUrl(StandIn.of(network));
    }

    /** The base URL for a network's sources ({@code ws://…} for Jetstream). */
    public String baseUrl(StandIn network) {
        if (network == StandIn.BLUESKY) return "ws://127.0.0.1:" + bluesky.port();
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        return network == StandIn.RSS ? base + FeedStandIn.PATH : base;
    }

    /** Where Bluesky profiles are looked up ({@code app.bsky.actor.getProfiles}). */
    public String profilesUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Publishes a post on a network; returns its number there. */
    public long add(String network, Mention m) {
        return timelines.add(StandIn.of(network), m);
    }

    /** How many Jetstream connections were opened (a fresh Bluesky source only sees posts after its first). */
    public int jetstreamSessions() {
        return bluesky.sessions();
    }

    /** The number of the first post on each network (posts are numbered from here up). */
    public long firstSeq() {
        return timelines.base() + 1;
    }

    /** Requires this bearer token on the Mastodon streaming API (without one, streaming answers 401). */
    public void streamingToken(String token) {
        mastodon.streamingToken(token);
    }

    /** Deletes Mastodon status {@code seq}: its streaming clients get a {@code delete} event. */
    public void deleteMastodon(long seq) {
        mastodon.delete(seq);
    }

    public int count(String network) {
        return timelines.of(StandIn.of(network)).size();
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        bluesky.close();
    }
}
