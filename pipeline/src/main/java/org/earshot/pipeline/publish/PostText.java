package org.earshot.pipeline.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post's text as the networks measure and mark it up. Both count user-perceived characters (grapheme clusters: an
 * emoji family or a letter with its combining accents is one); Mastodon counts every URL as a fixed number of
 * characters and a remote {@code @user@domain} as its {@code @user}; Bluesky wants links, mentions and hashtags as
 * facets that point at UTF-8 byte ranges of the text.
 */
public final class PostText {
    /** One user-perceived character (Java's {@code \X}: an extended grapheme cluster). */
    private static final Pattern GRAPHEME = Pattern.compile("\\X");
    /** A URL as Mastodon and Bluesky find one: http(s) up to white space, without closing punctuation. */
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");
    /** A Bluesky handle after {@code @}: a domain name. */
    private static final Pattern HANDLE = Pattern.compile("(?<=^|[\\s(])@(([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)");
    /** A Mastodon mention of a remote account, counted as its local part. */
    private static final Pattern REMOTE_MENTION = Pattern.compile("(?<=^|[\\s(])(@[\\w.]+)@[\\w.-]+\\w");
    /** A hashtag: {@code #} after white space or the start, at least one character that is not a digit or punctuation. */
    private static final Pattern TAG = Pattern.compile("(?<=^|\\s)[#＃]([^\\s#＃]*[^\\d\\s\\p{P}#＃][^\\s#＃]*)");
    private static final String TRAILING = ".,;:!?)]}'\"…";

    private PostText() {}

    /** User-perceived characters: what Bluesky's 300 and Mastodon's 500 count. */
    public static int graphemes(String text) {
        Matcher m = GRAPHEME.matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    /** The length Mastodon checks against its limit: every URL as {@code urlChars}, a remote mention as its local part. */
    public static int mastodonLength(String text, int urlChars) {
        StringBuilder countable = new StringBuilder();
        Matcher url = URL.matcher(text);
        int last = 0;
        int urls = 0;
        while (url.find()) {
            int end = trimmedEnd(text, url.start(), url.end());
            countable.append(text, last, url.start());
            last = end;
            urls++;
        }
        countable.append(text.substring(last));
        String withoutDomains = REMOTE_MENTION.matcher(countable).replaceAll("$1");
        return graphemes(withoutDomains) + urls * urlChars;
    }

    /** What a facet marks: a link, a mention (of a handle, resolved to a DID by the caller) or a tag. */
    public enum Kind { LINK, MENTION, TAG }

    /** A span of the text by UTF-8 bytes, end exclusive, and what it marks (the URL, the handle, the tag without #). */
    public record Facet(Kind kind, int byteStart, int byteEnd, String value) {}

    /** Links, mentions and hashtags in the order they appear, with the byte ranges Bluesky's facets need. */
    public static List<Facet> facets(String text) {
        List<Facet> out = new ArrayList<>();
        Matcher url = URL.matcher(text);
        while (url.find()) {
            int end = trimmedEnd(text, url.start(), url.end());
            out.add(facet(text, Kind.LINK, url.start(), end, text.substring(url.start(), end)));
        }
        Matcher handle = HANDLE.matcher(text);
        while (handle.find()) {
            if (inside(out, text, handle.start())) continue;
            out.add(facet(text, Kind.MENTION, handle.start(), handle.end(), handle.group(1)));
        }
        Matcher tag = TAG.matcher(text);
        while (tag.find()) {
            int end = trimmedEnd(text, tag.start(), tag.end());
            String name = text.substring(tag.start() + 1, end);
            if (name.isEmpty() || name.length() > 64 || inside(out, text, tag.start())) continue;
            out.add(facet(text, Kind.TAG, tag.start(), end, name));
        }
        out.sort(java.util.Comparator.comparingInt(Facet::byteStart));
        return out;
    }

    private static Facet facet(String text, Kind kind, int charStart, int charEnd, String value) {
        return new Facet(kind, utf8Length(text, 0, charStart), utf8Length(text, 0, charEnd), value);
    }

    /** Whether char position {@code at} falls inside a facet already found (a # or @ inside a URL). */
    private static boolean inside(List<Facet> found, String text, int at) {
        int b = utf8Length(text, 0, at);
        return found.stream().anyMatch(f -> b >= f.byteStart() && b < f.byteEnd());
    }

    static int utf8Length(String text, int from, int to) {
        return text.substring(from, to).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The end of a match without the punctuation that closes the sentence around it. */
    private static int trimmedEnd(String text, int start, int end) {
        while (end > start + 1 && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
            // A closing parenthesis stays when the URL opened one (Wikipedia's /Foo_(bar)).
            if (text.charAt(end - 1) == ')' && text.substring(start, end).indexOf('(') >= 0) break;
            end--;
        }
        return end;
    }
}
