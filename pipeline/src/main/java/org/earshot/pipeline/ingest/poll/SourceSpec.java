package org.earshot.pipeline.ingest.poll;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * One configured source: a network, its base URL (the public endpoint or any mirror), what to
 * follow there, and how often to ask. Its {@link #id} names its cursor in checkpoints, so it must
 * stay the same across restarts: by default it is made of the other fields.
 *
 * @param tag a Mastodon hashtag to follow
 * @param publicTimeline Mastodon: the public timeline instead of a hashtag
 * @param subreddit Reddit: a subreddit's new posts
 * @param search Reddit: a search's new results
 * @param token where an access token is kept, {@code env:NAME} or {@code file:PATH} (Mastodon:
 *     switches on the streaming API); never the token itself, so checkpoints and logs hold none
 * @param profiles Bluesky: the AppView that turns authors' DIDs into handles, names and follower
 *     counts (default {@value #BLUESKY_APPVIEW})
 */
public record SourceSpec(String id, Network network, URI url, String tag, boolean publicTimeline,
                         String subreddit, String search, Duration every, String token, URI profiles) implements Serializable {
    public static final String BLUESKY_APPVIEW = "https://public.api.bsky.app";

    public SourceSpec(String id, Network network, URI url, String tag, boolean publicTimeline,
                      String subreddit, String search, Duration every) {
        this(id, network, url, tag, publicTimeline, subreddit, search, every, null, null);
    }

    public SourceSpec(String id, Network network, URI url, String tag, boolean publicTimeline,
                      String subreddit, String search, Duration every, String token) {
        this(id, network, url, tag, publicTimeline, subreddit, search, every, token, null);
    }

    public SourceSpec {
        if (network == null) throw new IllegalArgumentException("a source needs a network");
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            throw new IllegalArgumentException(network.label() + " source needs an absolute URL, got '" + url + "'");
        }
        if (network == Network.MASTODON && blank(tag) == null && !publicTimeline) {
            throw new IllegalArgumentException("mastodon source " + url + " needs a tag or public: true");
        }
        if (network == Network.REDDIT && blank(subreddit) == null && blank(search) == null) {
            throw new IllegalArgumentException("reddit source " + url + " needs a subreddit or a search");
        }
        if (every == null) every = network.defaultInterval();
        if (every.isNegative() || every.isZero()) throw new IllegalArgumentException("source " + url + ": 'every' must be positive");
        tag = blank(tag) == null ? null : tag.strip().replaceFirst("^#", "");
        subreddit = blank(subreddit) == null ? null : subreddit.strip().replaceFirst("^/?r/", "");
        search = blank(search);
        token = blank(token);
        if (network == Network.BLUESKY && profiles == null) profiles = URI.create(BLUESKY_APPVIEW);
        if (token != null && !token.startsWith("env:") && !token.startsWith("file:")) {
            throw new IllegalArgumentException("'token' must say where the token is kept (env:NAME or file:PATH), not be the token");
        }
        if (blank(id) == null) id = defaultId(network, url, tag, publicTimeline, subreddit, search);
    }

    public SourceSpec withToken(String reference) {
        return new SourceSpec(id, network, url, tag, publicTimeline, subreddit, search, every, reference, profiles);
    }

    public SourceSpec withProfiles(URI appView) {
        return new SourceSpec(id, network, url, tag, publicTimeline, subreddit, search, every, token, appView);
    }

    public static SourceSpec of(Network network, String url) {
        return new SourceSpec(null, network, URI.create(url), null, false, null, null, null);
    }

    public SourceSpec every(Duration interval) {
        return new SourceSpec(id, network, url, tag, publicTimeline, subreddit, search, interval, token, profiles);
    }

    public Poller poller() {
        return network.poller(this);
    }

    /** A base URL with no trailing slash, for appending API paths. */
    String base() {
        return Query.base(url);
    }

    private static String defaultId(Network network, URI url, String tag, boolean publicTimeline, String subreddit, String search) {
        StringBuilder id = new StringBuilder(network.label()).append(' ').append(url);
        if (tag != null) id.append(" #").append(tag);
        if (publicTimeline) id.append(" public");
        if (subreddit != null) id.append(" r/").append(subreddit);
        if (search != null) id.append(" search:").append(search);
        return id.toString();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The hosts this source fetches from: its URL's, and for Bluesky the AppView's. */
    public java.util.Set<String> hosts() {
        java.util.Set<String> hosts = new java.util.TreeSet<>();
        hosts.add(url.getHost());
        if (network == Network.BLUESKY) hosts.add((profiles != null ? profiles : URI.create(BLUESKY_APPVIEW)).getHost());
        return hosts;
    }
}
