package org.earshot.local.networks;

import java.util.Locale;

/** The networks {@link LocalNetworks} stands in for, named as mentions name their network. */
public enum StandIn {
    RSS, MASTODON, BLUESKY, REDDIT, HACKERNEWS;

    /** The stand-in for a network's label ({@code rss}, {@code mastodon}, …). */
    public static StandIn of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
