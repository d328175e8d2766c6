package org.earshot.pipeline.text;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ArrayList;
import org.earshot.schemas.Mention;

/**
 * Brings a parsed mention into canonical shape in place: clean text and title, canonical URL,
 * entities extracted from the text merged with those the source supplied, codes in canonical
 * case, the raw payload bounded.
 */
public final class MentionNormalizer implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int MAX_TITLE_CHARS = 1_000;
    private static final int MAX_NAME_CHARS = 200;
    public static final int MAX_RAW_CHARS = 16_384;

    private final int maxTextChars;

    public MentionNormalizer(int maxTextChars) {
        if (maxTextChars < 1) throw new IllegalArgumentException("maxTextChars must be positive");
        this.maxTextChars = maxTextChars;
    }

    public Mention normalize(Mention m) {
        m.url = emptyToNull(m.url == null ? null : m.url.strip());
        m.canonicalUrl = UrlCanonicalizer.canonicalize(m.url);
        m.text = PlainText.clean(m.text, maxTextChars);
        m.title = emptyToNull(PlainText.clean(m.title, MAX_TITLE_CHARS));
        if (m.author != null) {
            m.author.name = emptyToNull(PlainText.clean(m.author.name, MAX_NAME_CHARS));
            m.author.handle = handle(m.author.handle);
            if (m.author.followers != null && m.author.followers < 0) m.author.followers = null;
        }
        String searchable = m.title == null ? m.text : m.title + "\n" + m.text;
        m.hashtags = merge(m.hashtags, SocialEntities.hashtags(searchable), '#');
        m.mentions = merge(m.mentions, SocialEntities.mentions(searchable), '@');
        m.links = mergeLinks(m.links, SocialEntities.links(m.text));
        m.lang = language(m.lang);
        m.geo = country(m.geo);
        if (m.engagement != null) {
            m.engagement.likes = Math.max(0, m.engagement.likes);
            m.engagement.reposts = Math.max(0, m.engagement.reposts);
            m.engagement.replies = Math.max(0, m.engagement.replies);
        }
        if (m.reach == null || m.reach < 0) {
            m.reach = m.author != null && m.author.followers != null ? m.author.followers : null;
        }
        m.raw = boundRaw(m.raw);
        if (m.ruleIds == null) m.ruleIds = new ArrayList<>();
        if (m.tokens == null) m.tokens = new ArrayList<>();
        return m;
    }

    /** The source's payload, cut to {@link #MAX_RAW_CHARS} without splitting a surrogate pair. */
    public static String boundRaw(String raw) {
        if (raw == null || raw.length() <= MAX_RAW_CHARS) return raw;
        int end = Character.isHighSurrogate(raw.charAt(MAX_RAW_CHARS - 1)) ? MAX_RAW_CHARS - 1 : MAX_RAW_CHARS;
        return raw.substring(0, end);
    }

    /** "EN-us" → "en"; anything that is not a language code → null (detection decides later). */
    static String language(String lang) {
        if (lang == null) return null;
        String l = lang.strip().toLowerCase(Locale.ROOT);
        if (l.equals("und")) return l;
        if (l.length() >= 2 && Character.isLetter(l.charAt(0)) && Character.isLetter(l.charAt(1))
                && (l.length() == 2 || l.charAt(2) == '-' || l.charAt(2) == '_')) {
            return l.substring(0, 2);
        }
        return null;
    }

    /** "es" → "ES"; anything that is not a two-letter code → null. */
    static String country(String geo) {
        if (geo == null) return null;
        String g = geo.strip();
        boolean code = g.length() == 2 && g.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
        return code ? g.toUpperCase(Locale.ROOT) : null;
    }

    private static String handle(String handle) {
        if (handle == null) return null;
        String h = handle.strip();
        while (h.startsWith("@")) h = h.substring(1);
        h = PlainText.clean(h, MAX_NAME_CHARS).toLowerCase(Locale.ROOT);
        return h.isEmpty() ? null : h;
    }

    private static List<String> merge(List<String> given, List<String> found, char sigil) {
        if (given == null || given.isEmpty()) return found;
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (String g : given) {
            if (g == null) continue;
            String v = g.strip();
            while (!v.isEmpty() && v.charAt(0) == sigil) v = v.substring(1);
            if (!v.isEmpty()) all.add(PlainText.clean(v, 140).toLowerCase(Locale.ROOT));
        }
        all.addAll(found);
        return new ArrayList<>(all);
    }

    private static List<String> mergeLinks(List<String> given, List<String> found) {
        if (given == null || given.isEmpty()) return found;
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (String g : given) if (g != null && !g.isBlank()) all.add(g.strip());
        all.addAll(found);
        return new ArrayList<>(all);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
