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

    /** One mention as a one-document in-memory index, the way rules are matched against it. */
    public static MemoryIndex memoryIndex(Mention m, Analyzer analyzer) {
        MemoryIndex index = new MemoryIndex(true);
        add(index, TEXT, m.text, analyzer);
        add(index, RAW, m.text, analyzer);
        add(index, TITLE, m.title, analyzer);
        if (m.author != null) {
            add(index, AUTHOR, m.author.handle, analyzer);
            // author:jdoe and author:@jdoe both find @jdoe
            if (m.author.handle != null && m.author.handle.startsWith("@")) add(index, AUTHOR, m.author.handle.substring(1), analyzer);
            add(index, AUTHOR, m.author.name, analyzer);
        }
        String page = m.canonicalUrl != null ? m.canonicalUrl : m.url;
        keyword(index, SITE, page);
        keyword(index, URL, page);
        if (m.links != null) m.links.forEach(link -> keyword(index, LINKS, link));
        keyword(index, LANG, m.lang);
        keyword(index, NETWORK, m.network);
        keyword(index, COUNTRY, m.geo);
        return index;
    }

    private static void add(MemoryIndex index, String field, String text, Analyzer analyzer) {
        if (text != null && !text.isEmpty()) index.addField(field, text, analyzer);
    }

    private static void keyword(MemoryIndex index, String field, String value) {
        if (value != null && !value.isBlank()) index.addField(field, keywordValue(field, value), KEYWORD);
    }

    private static final Analyzer KEYWORD = new KeywordAnalyzer();

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
            v = v.replaceFirst("^[a-z][a-z0-9+.-]*://", "").replaceFirst("^www\\.", "");
            if (field.equals(SITE)) v = v.replaceFirst("[/?#].*$", "");
            if (v.endsWith("/")) v = v.substring(0, v.length() - 1);
        }
        return v;
    }
}
