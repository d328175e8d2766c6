package org.earshot.pipeline.publish;

import java.util.List;
import java.util.Set;

/**
 * What one network accepts in a post: its text limit (and how it counts), and its images: how many, how large, which
 * types. Mastodon's come from the instance ({@code /api/v2/instance}), Bluesky's from its lexicon.
 *
 * @param maxChars the text limit in user-perceived characters
 * @param urlChars what a URL counts as (Mastodon: 23), or 0 where URLs count as written (Bluesky)
 */
public record Limits(String network, int maxChars, int urlChars, int maxMedia, long maxMediaBytes, Set<String> mediaTypes) {
    static final Set<String> IMAGES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    /** Mastodon's, as an instance configures them (by default 500 characters, URLs as 23, 4 images of 16 MB). */
    public static Limits mastodon(int maxChars, int urlChars, int maxMedia, long maxMediaBytes, Set<String> types) {
        return new Limits("mastodon", maxChars, urlChars, maxMedia, maxMediaBytes, types);
    }

    /** Bluesky's lexicon: 300 graphemes; 4 images ({@code app.bsky.embed.images}) of at most 1,000,000 bytes. */
    public static final Limits BLUESKY = new Limits("bluesky", 300, 0, 4, 1_000_000, IMAGES);

    /** A webhook takes what it is sent; a bound keeps a runaway text from becoming a megabyte body. */
    public static final Limits WEBHOOK = new Limits("webhook", 10_000, 0, 4, 16L << 20, IMAGES);

    /** A network's limits before its server is asked: Mastodon's defaults (an instance may allow more), Bluesky's, a webhook's. */
    public static Limits defaults(String network) {
        return switch (network) {
            case "mastodon" -> mastodon(500, 23, 4, 16L << 20, IMAGES);
            case "bluesky" -> BLUESKY;
            default -> WEBHOOK;
        };
    }

    /** The length of {@code text} as this network counts it. */
    public int length(String text) {
        return urlChars > 0 ? PostText.mastodonLength(text, urlChars) : PostText.graphemes(text);
    }

    /** Why this post cannot go out here, naming the limit; null when it fits. Emptiness is the caller's to judge. */
    public String refusal(String text, List<MediaFile> media) {
        int length = text == null ? 0 : length(text);
        if (length > maxChars) {
            return String.format("text is %d characters and %s takes at most %d%s", length, network, maxChars,
                    urlChars > 0 ? " (each URL counts as " + urlChars + ")" : "");
        }
        if (media.size() > maxMedia) return String.format("%d media attached and %s takes at most %d", media.size(), network, maxMedia);
        for (MediaFile m : media) {
            if (!mediaTypes.contains(m.type())) {
                return String.format("media %s is %s and %s takes %s", m.source(), m.type(), network, String.join(", ", new java.util.TreeSet<>(mediaTypes)));
            }
            if (m.bytes().length > maxMediaBytes) {
                return String.format("media %s is %,d bytes and %s takes at most %,d", m.source(), m.bytes().length, network, maxMediaBytes);
            }
        }
        return null;
    }
}
