package org.earshot.pipeline.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the hashtags, @mentions and links in a post's text, across the conventions of the
 * networks Earshot reads: Unicode hashtags ({@code #café}, {@code #東京}), Mastodon handles
 * ({@code @ana@mastodon.social}), Bluesky handles ({@code @ana.bsky.social}).
 *
 * <p>Hashtags and handles are returned lower-case without their sigil, each once, in order of
 * first appearance; links as written, minus trailing punctuation.
 */
public final class SocialEntities {
    private static final Pattern HASHTAG = Pattern.compile(
            "(?<![\\p{L}\\p{N}_&/#])[#＃]([\\p{L}\\p{M}\\p{N}_]*[\\p{L}\\p{M}][\\p{L}\\p{M}\\p{N}_]*)");
    private static final Pattern MENTION = Pattern.compile(
            "(?<![\\p{L}\\p{N}_.@/])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?"
                    + "(?:@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)?)");
    private static final Pattern LINK = Pattern.compile("\\bhttps?://[^\\s<>\"'`{}|\\\\^]+", Pattern.CASE_INSENSITIVE);
    private static final int MAX_ENTITIES = 100;
    private static final int MAX_TAG_CHARS = 140;

    private SocialEntities() {}

    public static List<String> hashtags(String text) {
        if (text == null || (text.indexOf('#') < 0 && text.indexOf('＃') < 0)) return new ArrayList<>();
        Set<String> found = new LinkedHashSet<>();
        Matcher m = at(HASHTAG, text);
        for (int i = 0; i < text.length() && found.size() < MAX_ENTITIES; i++) {
            char c = text.charAt(i);
            if ((c == '#' || c == '＃') && m.region(i, text.length()).lookingAt()) {
                add(found, m.group(1));
                i = m.end() - 1;
            }
        }
        return new ArrayList<>(found);
    }

    public static List<String> mentions(String text) {
        if (text == null || text.indexOf('@') < 0) return new ArrayList<>();
        Set<String> found = new LinkedHashSet<>();
        Matcher m = at(MENTION, text);
        for (int i = text.indexOf('@'); i >= 0 && found.size() < MAX_ENTITIES; i = text.indexOf('@', i + 1)) {
            if (m.region(i, text.length()).lookingAt()) {
                add(found, m.group(1));
                i = m.end() - 1;
            }
        }
        return new ArrayList<>(found);
    }

    public static List<String> links(String text) {
        if (text == null || text.indexOf("://") < 0) return new ArrayList<>();
        Set<String> found = new LinkedHashSet<>();
        Matcher m = at(LINK, text);
        for (int i = text.indexOf("://"); i >= 0 && found.size() < MAX_ENTITIES; i = text.indexOf("://", i + 1)) {
            int start = i >= 5 && text.regionMatches(true, i - 5, "https", 0, 5) ? i - 5
                    : i >= 4 && text.regionMatches(true, i - 4, "http", 0, 4) ? i - 4 : -1;
            if (start >= 0 && m.region(start, text.length()).lookingAt()) {
                found.add(trimTrailingPunctuation(m.group()));
                i = m.end() - 1;
            }
        }
        return new ArrayList<>(found);
    }

    /**
     * A matcher tried only where its sigil is ({@code #}, {@code @}, {@code ://}), not at every
     * position of a long text; transparent bounds let the look-behinds and {@code \\b} see what
     * comes before.
     */
    private static Matcher at(Pattern pattern, String text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    private static void add(Set<String> found, String value) {
        if (value.length() <= MAX_TAG_CHARS) found.add(value.toLowerCase(Locale.ROOT));
    }

    /** "see https://x.io/a)." → "https://x.io/a", but balanced parentheses (Wikipedia links) stay. */
    static String trimTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0) {
            char c = url.charAt(end - 1);
            if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '…') {
                end--;
            } else if (c == ')' && count(url, '(', end) < count(url, ')', end)) {
                end--;
            } else {
                break;
            }
        }
        return url.substring(0, end);
    }

    private static int count(String s, char c, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) if (s.charAt(i) == c) n++;
        return n;
    }
}
