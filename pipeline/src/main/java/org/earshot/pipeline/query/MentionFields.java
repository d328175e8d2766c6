package org.earshot.pipeline.query;

import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.index.memory.MemoryIndex;
import org.earshot.pipeline.text.SocialAnalyzer;
import org.earshot.schemas.Mention;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The Lucene fields a Mention is indexed into and how query fields map onto them. Text fields go
 * through the social analyzer; keyword fields hold whole lower-cased values.
 */
public final class MentionFields {
    public static final String TEXT = "text";
    public static final String TITLE = "title";
    public static final String AUTHOR = "author";
    public static final String RAW = "raw";
    /** The site's host without {@code www.}. */
    public static final String SITE = "site";
    /** The canonical URL as {@code host/path}, without scheme or {@code www.}. */
    public static final String URL = "url";
    /** Each link as {@code host/path}. */
    public static final String LINKS = "links";
    public static final String LANG = "lang";
    public static final String NETWORK = "network";
    public static final String COUNTRY = "country";

    private static final Map<String, String> QUERY_FIELDS = Map.of("author", AUTHOR, "site", SITE, "url", URL, "links", LINKS,
            "title", TITLE, "lang", LANG, "network", NETWORK, "country", COUNTRY, "raw", RAW);
    private static final Set<String> KEYWORDS = Set.of(SITE, URL, LINKS, LANG, NETWORK, COUNTRY);

    private MentionFields() {}

    /**
     * How a post's analyzed fields are indexed: the social analyzer with the forms a brand takes
     * ({@link SocialAnalyzer#forIndex()}), except {@code raw} (split on spaces, case kept).
     */
    public static Analyzer indexAnalyzer() {
        return new PerFieldAnalyzerWrapper(SocialAnalyzer.forIndex(), Map.of(RAW, new WhitespaceAnalyzer()));
    }

    /** How a query's words are read for the same fields ({@link SocialAnalyzer#forQuery()}). */
    public static Analyzer queryAnalyzer() {
        return new PerFieldAnalyzerWrapper(SocialAnalyzer.forQuery(), Map.of(RAW, new WhitespaceAnalyzer()));
    }

    /** Receives a mention's fields: the one place that says what is indexed, for the matcher and the search index alike. */
    public interface FieldSink {
        /** A value to analyze (text, raw, title, author). */
        void text(String field, String value);

        /** A whole value, already as {@link #keywordValue} writes it. */
        void keyword(String field, String value);

        /** Whether this sink wants {@code field}; a field it does not want is neither read nor handed over. */
        default boolean takes(String field) {
            return true;
        }
    }

    /** Hands each field of {@code m} to {@code sink}; empty values are left out. */
    public static void fields(Mention m, FieldSink sink) {
        text(sink, TEXT, m.text);
        text(sink, RAW, m.text);
        text(sink, TITLE, m.title);
        if (m.author != null && sink.takes(AUTHOR)) {
            text(sink, AUTHOR, m.author.handle);
            // author:jdoe and author:@jdoe both find @jdoe
            if (m.author.handle != null && m.author.handle.startsWith("@")) text(sink, AUTHOR, m.author.handle.substring(1));
            text(sink, AUTHOR, m.author.name);
        }
        String page = m.canonicalUrl != null ? m.canonicalUrl : m.url;
        keyword(sink, SITE, page);
        keyword(sink, URL, page);
        if (m.links != null && sink.takes(LINKS)) m.links.forEach(link -> keyword(sink, LINKS, link));
        keyword(sink, LANG, m.lang);
        keyword(sink, NETWORK, m.network);
        keyword(sink, COUNTRY, m.geo);
    }

    /** One mention as a one-document in-memory index, the way rules are matched against it. */
    public static MemoryIndex memoryIndex(Mention m, Analyzer analyzer) {
        return memoryIndex(m, analyzer, new MemoryIndex(true), field -> true);
    }

    /**
     * One mention in {@code index}, emptied first, in the fields {@code wanted} accepts: a matcher indexes every
     * mention it sees in one index, and only in the fields its rules read.
     */
    public static MemoryIndex memoryIndex(Mention m, Analyzer analyzer, MemoryIndex index, Predicate<String> wanted) {
        index.reset();
        fields(m, new FieldSink() {
            @Override
            public boolean takes(String field) {
                return wanted.test(field);
            }

            @Override
            public void text(String field, String value) {
                index.addField(field, value, analyzer);
            }

            @Override
            public void keyword(String field, String value) {
                index.addField(field, value, KEYWORD);
            }
        });
        return index;
    }

    private static void text(FieldSink sink, String field, String text) {
        if (text != null && !text.isEmpty() && sink.takes(field)) sink.text(field, text);
    }

    private static void keyword(FieldSink sink, String field, String value) {
        if (value != null && !value.isBlank() && sink.takes(field)) sink.keyword(field, keywordValue(field, value));
    }

    private static final Analyzer KEYWORD = new KeywordAnalyzer();
    private static final Pattern SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://");
    private static final Pattern WWW = Pattern.compile("^www\\.");
    private static final Pattern PATH = Pattern.compile("[/?#].*$");

    /** The Lucene field a query field ({@code site}, {@code title}, …) searches. */
    public static String fieldFor(String queryField) {
        return QUERY_FIELDS.get(queryField);
    }

    /** Whether a Lucene field holds whole values rather than analyzed words. */
    public static boolean isKeywordField(String field) {
        return KEYWORDS.contains(field);
    }

    /** A site, URL or link as it is indexed: lower case, no scheme, no {@code www.}, no trailing slash. */
    public static String keywordValue(String field, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (field.equals(SITE) || field.equals(URL) || field.equals(LINKS)) {
            v = WWW.matcher(SCHEME.matcher(v).replaceFirst("")).replaceFirst("");
            if (field.equals(SITE)) v = PATH.matcher(v).replaceFirst("");
            if (v.endsWith("/")) v = v.substring(0, v.length() - 1);
        }
        return v;
    }
}
