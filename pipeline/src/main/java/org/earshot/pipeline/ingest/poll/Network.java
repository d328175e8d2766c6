package org.earshot.pipeline.ingest.poll;

import java.time.Duration;
import java.util.Locale;

/** The networks Earshot polls, each with its poller and a polite default interval. */
public enum Network {
    RSS(Duration.ofMinutes(5)),
    MASTODON(Duration.ofSeconds(30)),
    BLUESKY(Duration.ofSeconds(5)),
    REDDIT(Duration.ofMinutes(1)),
    HACKERNEWS(Duration.ofSeconds(30));

    private final Duration defaultInterval;

    Network(Duration defaultInterval) {
        this.defaultInterval = defaultInterval;
    }

    public Duration defaultInterval() {
        return defaultInterval;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Network parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("atom") || n.equals("jsonfeed") || n.equals("feed")) return RSS;
        if (n.equals("hn")) return HACKERNEWS;
        for (Network network : values()) if (network.label().equals(n)) return network;
        throw new IllegalArgumentException("unknown network '" + name + "' (known: rss, mastodon, bluesky, reddit, hackernews)");
    }

    Poller poller(SourceSpec spec) {
        return switch (this) {
            case RSS -> new FeedPoller(spec);
            case MASTODON -> new MastodonPoller(spec);
            case BLUESKY -> new JetstreamPoller(spec);
            case REDDIT -> new RedditPoller(spec);
            case HACKERNEWS -> new HackerNewsPoller(spec);
        };
    }
}
