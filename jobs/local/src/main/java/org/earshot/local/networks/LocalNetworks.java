package org.earshot.local.networks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
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
    private final MastodonPublishing mastodonPublishing = new MastodonPublishing(timelines);
    private final BlueskyPds pds = new BlueskyPds(timelines);

    public LocalNetworks() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        http.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-networks");
            t.setDaemon(true);
            return t;
        }));
        bluesky = new BlueskyStandIn(timelines, pds);
        new FeedStandIn(timelines).register(http);
        mastodon.register(http);
        new RedditStandIn(timelines).register(http);
        new HackerNewsStandIn(timelines).register(http);
        bluesky.register(http);
        mastodonPublishing.register(http, "http://127.0.0.1:" + http.getAddress().getPort());
        pds.register(http);
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

    /**
     * Lets an account publish: Mastodon's API takes {@code mastodonToken}; the Bluesky PDS (at {@link #httpUrl()})
     * signs in {@code blueskyHandle} with {@code blueskyPassword}.
     */
    public void acceptPublishing(String mastodonToken, String blueskyHandle, String blueskyPassword) {
        mastodonPublishing.token(mastodonToken);
        pds.account(blueskyHandle, blueskyPassword);
    }

    /** The stand-ins' HTTP address: Mastodon's API and the Bluesky PDS's XRPC. */
    public String httpUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Statuses made through Mastodon's API, in order (a repeat of an Idempotency-Key makes none). */
    public List<MastodonPublishing.Posted> mastodonPosted() {
        return mastodonPublishing.posted();
    }

    /** Requests to {@code POST /api/v1/statuses}, repeats and failures included. */
    public int mastodonStatusRequests() {
        return mastodonPublishing.statusRequests();
    }

    /** The description an uploaded Mastodon media item was given. */
    public String mastodonMediaDescription(String mediaId) {
        return mastodonPublishing.description(mediaId);
    }

    /** Posts made through the Bluesky PDS, in order. */
    public List<BlueskyPds.Created> blueskyCreated() {
        return pds.created();
    }

    public int blueskyCreateRequests() {
        return pds.createRequests();
    }

    /**
     * Requests that asked again for a post already made: Mastodon statuses with an Idempotency-Key seen before, and
     * Bluesky lookups that found the post of the record key asked about.
     */
    public int repeatsAnswered() {
        return mastodonPublishing.repeats() + pds.ownFound();
    }

    public int blueskySessionsMade() {
        return pds.sessionsMade();
    }

    /** Gives the next write requests to Mastodon's API these failures, in order. */
    public void failMastodon(Faults.Fault... faults) {
        for (Faults.Fault f : faults) mastodonPublishing.faults().add(f);
    }

    /** Gives the next write requests to the Bluesky PDS these failures, in order. */
    public void failBluesky(Faults.Fault... faults) {
        for (Faults.Fault f : faults) pds.faults().add(f);
    }

    /** Bluesky access tokens given so far expire; {@code andRefresh}: refresh tokens too. */
    public void expireBlueskyTokens(boolean andRefresh) {
        if (andRefresh) pds.expireSessions();
        else pds.expireAccessTokens();
    }

    /** The Mastodon status numbered {@code seq}'s mention id as Earshot names it when read from here. */
    public String mastodonMentionId(long seq) {
        return "mastodon:127.0.0.1:" + http.getAddress().getPort() + "/" + seq;
    }

    /** The Bluesky post numbered {@code seq}'s mention id as Earshot names it when read from Jetstream. */
    public String blueskyMentionId(long seq) {
        for (Timelines.Post p : timelines.of(StandIn.BLUESKY)) {
            if (p.seq() == seq) return "bluesky:at://" + BlueskyStandIn.did(p.mention()) + "/app.bsky.feed.post/" + BlueskyStandIn.rkey(seq);
        }
        throw new IllegalArgumentException("no Bluesky post " + seq);
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
