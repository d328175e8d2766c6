package org.earshot.pipeline.search;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import org.earshot.pipeline.query.MentionFields;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;

/**
 * One mention as a Lucene document. The fields a query reads ({@link MentionFields}: text, title, author, raw,
 * site, url, links, lang, network, country) are written as the rule matcher writes them, so that a search and a
 * rule agree. Beside them: filters (sentiment, emotion, hashtags, mentioned handles, link domains, rule ids),
 * numbers for ranges and sorting (published time, reach, likes, reposts), facets, and the mention itself as JSON.
 */
public final class MentionDocument {
    public static final String ID = "id";
    public static final String PUBLISHED = "published";
    public static final String REACH = "reach";
    public static final String LIKES = "likes";
    public static final String REPOSTS = "reposts";
    public static final String SENTIMENT = "sentiment";
    public static final String EMOTION = "emotion";
    public static final String HASHTAG = "hashtag";
    public static final String HANDLE = "handle";
    public static final String DOMAIN = "domain";
    public static final String RULE = "rule";
    public static final String JSON = "json";

    /** Facet dimensions, counted for any search. */
    public static final String[] FACETS = {MentionFields.NETWORK, MentionFields.LANG, SENTIMENT, EMOTION, RULE, HASHTAG, DOMAIN,
            MentionFields.AUTHOR};
    public static final FacetsConfig FACETS_CONFIG = new FacetsConfig();

    static {
        for (String dim : new String[] {RULE, HASHTAG, DOMAIN}) FACETS_CONFIG.setMultiValued(dim, true);
        // Searches filter on the fields' own terms, never by drilling down: a second term per value would only cost.
        for (String dim : FACETS) FACETS_CONFIG.setDrillDownTermsIndexing(dim, FacetsConfig.DrillDownTermsIndexing.NONE);
    }

    /** Analyzed, stored, with offsets: what is highlighted. */
    private static final FieldType SHOWN;
    /** Analyzed with positions only: searched, never shown. */
    private static final FieldType SEARCHED = TextField.TYPE_NOT_STORED;

    static {
        FieldType shown = new FieldType(TextField.TYPE_STORED);
        shown.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        shown.freeze();
        SHOWN = shown;
    }

    private MentionDocument() {}

    /** The document for {@code m}, facets built; the source's raw payload is left out (ClickHouse keeps it). */
    public static Document of(Mention m) {
        Document d = new Document();
        d.add(new StringField(ID, m.id, Field.Store.YES));
        d.add(new SortedDocValuesField(ID, new BytesRef(m.id)));
        // The fields a query reads, exactly as the matcher writes them; text and title are stored to be highlighted.
        MentionFields.fields(m, new MentionFields.FieldSink() {
            @Override
            public void text(String field, String value) {
                boolean shown = field.equals(MentionFields.TEXT) || field.equals(MentionFields.TITLE);
                d.add(new Field(field, value, shown ? SHOWN : SEARCHED));
            }

            @Override
            public void keyword(String field, String value) {
                d.add(new StringField(field, value, Field.Store.NO));
            }
        });
        if (m.author != null && m.author.handle != null && !m.author.handle.isBlank()) facet(d, MentionFields.AUTHOR, m.author.handle);
        Set<String> domains = new LinkedHashSet<>();
        if (m.links != null) {
            for (String link : m.links) {
                String site = link == null ? "" : MentionFields.keywordValue(MentionFields.SITE, link);
                if (!site.isEmpty()) domains.add(site);
            }
        }
        for (String domain : domains) filter(d, DOMAIN, domain, true);
        if (m.lang != null) facet(d, MentionFields.LANG, m.lang);
        if (m.network != null) facet(d, MentionFields.NETWORK, m.network);
        if (m.sentiment != null && m.sentiment.label != null) filter(d, SENTIMENT, m.sentiment.label, true);
        if (m.emotion != null) filter(d, EMOTION, m.emotion, true);
        if (m.hashtags != null) new LinkedHashSet<>(m.hashtags).forEach(tag -> filter(d, HASHTAG, tag.toLowerCase(Locale.ROOT), true));
        if (m.mentions != null) new LinkedHashSet<>(m.mentions).forEach(handle -> filter(d, HANDLE, handle.toLowerCase(Locale.ROOT), false));
        if (m.ruleIds != null) new LinkedHashSet<>(m.ruleIds).forEach(rule -> filter(d, RULE, rule, true));
        number(d, PUBLISHED, m.eventTimeMillis(0L));
        number(d, REACH, m.reach == null ? 0 : m.reach);
        number(d, LIKES, m.engagement == null ? 0 : m.engagement.likes);
        number(d, REPOSTS, m.engagement == null ? 0 : m.engagement.reposts);
        String raw = m.raw;
        m.raw = null;
        d.add(new StoredField(JSON, Json.toBytes(m)));
        m.raw = raw;
        return d;
    }

    private static void filter(Document d, String field, String value, boolean counted) {
        if (value == null || value.isBlank()) return;
        d.add(new StringField(field, value, Field.Store.NO));
        if (counted) facet(d, field, value);
    }

    private static void facet(Document d, String dim, String value) {
        d.add(new SortedSetDocValuesFacetField(dim, value));
    }

    private static void number(Document d, String field, long value) {
        d.add(new LongPoint(field, value));
        d.add(new NumericDocValuesField(field, value));
    }
}
