package org.earshot.pipeline.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;
import org.earshot.pipeline.query.MentionFields;
import org.earshot.pipeline.query.QueryCompiler;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;

/**
 * Searches the index with the rules' query language (the same parser and compiler, so a search finds what a rule
 * matches), filtered by time, network, language, sentiment, emotion, rule and reach; sorted by time, relevance or
 * reach, with a cursor for the next page; each hit's text with the words found in {@code <mark>}, and facet counts
 * over every hit. A query that does not parse throws {@link org.earshot.pipeline.query.QueryException} with the
 * position.
 */
public final class MentionSearch {
    public static final int MAX_LIMIT = 1_000;
    private static final int FACET_TOP = 10;

    public enum Order { TIME, RELEVANCE, REACH }

    /** What to look for; null or empty filters leave that field open. An empty query finds everything. */
    public record Request(String query, Instant from, Instant to, List<String> networks, List<String> langs, List<String> sentiments,
                          List<String> emotions, List<String> rules, long minReach, Order order, int limit, String after) {
        public static Request of(String query) {
            return new Request(query, null, null, List.of(), List.of(), List.of(), List.of(), List.of(), 0, Order.TIME, 20, null);
        }

        public Request page(int limit, String after) {
            return new Request(query, from, to, networks, langs, sentiments, emotions, rules, minReach, order, limit, after);
        }

        public Request between(Instant from, Instant to) {
            return new Request(query, from, to, networks, langs, sentiments, emotions, rules, minReach, order, limit, after);
        }

        public Request filtered(List<String> networks, List<String> langs, List<String> sentiments, List<String> emotions,
                                List<String> rules, long minReach) {
            return new Request(query, from, to, networks, langs, sentiments, emotions, rules, minReach, order, limit, after);
        }

        public Request sorted(Order order) {
            return new Request(query, from, to, networks, langs, sentiments, emotions, rules, minReach, order, limit, after);
        }
    }

    /** One hit: the mention, its text with the words found marked (null when none are in the text), its score. */
    public record Hit(Mention mention, String highlighted, float score) {}

    public record Count(String value, long count) {}

    /** @param next the cursor of the page after this one, or null on the last page */
    public record Result(long total, List<Hit> hits, Map<String, List<Count>> facets, String next) {}

    private final QueryCompiler compiler = new QueryCompiler(MentionFields.queryAnalyzer());
    /** The facet ordinals of the last reader searched: costly to build, valid until the reader changes. */
    private Object facetReader;
    private SortedSetDocValuesReaderState facetState;

    public Result search(IndexSearcher searcher, Request r) throws IOException {
        if (r.limit() < 1 || r.limit() > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", not " + r.limit());
        Query text = r.query() == null || r.query().isBlank() ? new MatchAllDocsQuery() : compiler.compile(r.query());
        refuseWideExpansions(searcher, text);
        Query query = filtered(text, r);
        Sort sort = sort(r.order());
        ScoreDoc after = r.after() == null ? null : cursor(r.after(), r.order(), searcher.getIndexReader().maxDoc());
        FacetsCollectorManager.FacetsResult found = FacetsCollectorManager.searchAfter(searcher, after, query, r.limit(), sort,
                new FacetsCollectorManager());
        TopDocs top = found.topDocs();
        String[] marked = highlight(searcher, text, top);
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < top.scoreDocs.length; i++) {
            Document doc = searcher.storedFields().document(top.scoreDocs[i].doc);
            Mention m = Json.fromBytes(doc.getBinaryValue(MentionDocument.JSON).bytes, Mention.class);
            hits.add(new Hit(m, marked == null ? null : marked[i], top.scoreDocs[i].score));
        }
        String next = top.scoreDocs.length == r.limit() ? cursor((FieldDoc) top.scoreDocs[top.scoreDocs.length - 1], r.order()) : null;
        return new Result(top.totalHits.value, hits, facets(searcher, found.facetsCollector()), next);
    }

    /**
     * A wildcard or prefix that would stand for more words than a rule may ({@link QueryCompiler#MAX_EXPANSIONS}) in
     * this index is refused, naming the limit, rather than searched for its first few hundred words only. Fuzzy
     * words keep their closest ones, as rules do.
     */
    private static void refuseWideExpansions(IndexSearcher searcher, Query query) throws IOException {
        List<MultiTermQuery> expanding = new ArrayList<>();
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTermsMatching(Query q, String field, java.util.function.Supplier<org.apache.lucene.util.automaton.ByteRunAutomaton> a) {
                if (q instanceof MultiTermQuery m && !(q instanceof FuzzyQuery)) expanding.add(m);
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        for (MultiTermQuery m : expanding) {
            java.util.Set<BytesRef> words = new java.util.HashSet<>();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Terms terms = leaf.reader().terms(m.getField());
                if (terms == null) continue;
                TermsEnum e = m.getTermsEnum(terms);
                for (BytesRef t = e.next(); t != null; t = e.next()) {
                    words.add(BytesRef.deepCopyOf(t));
                    if (words.size() > QueryCompiler.MAX_EXPANSIONS) {
                        throw new IllegalArgumentException("'" + m.toString(m.getField()) + "' stands for more than " + QueryCompiler.MAX_EXPANSIONS
                                + " different words in the " + m.getField() + " of the mentions kept; write more of the word before the *");
                    }
                }
            }
        }
    }

    private static Query filtered(Query text, Request r) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
        if (r.from() != null || r.to() != null) {
            long from = r.from() == null ? Long.MIN_VALUE : r.from().toEpochMilli();
            long to = r.to() == null ? Long.MAX_VALUE : r.to().toEpochMilli() - 1; // [from, to)
            b.add(LongPoint.newRangeQuery(MentionDocument.PUBLISHED, from, to), BooleanClause.Occur.FILTER);
        }
        anyOf(b, MentionFields.NETWORK, r.networks(), true);
        anyOf(b, MentionFields.LANG, r.langs(), true);
        anyOf(b, MentionDocument.SENTIMENT, r.sentiments(), false);
        anyOf(b, MentionDocument.EMOTION, r.emotions(), false);
        anyOf(b, MentionDocument.RULE, r.rules(), false);
        if (r.minReach() > 0) b.add(LongPoint.newRangeQuery(MentionDocument.REACH, r.minReach(), Long.MAX_VALUE), BooleanClause.Occur.FILTER);
        return b.build();
    }

    private static void anyOf(BooleanQuery.Builder b, String field, List<String> values, boolean keyword) {
        if (values == null || values.isEmpty()) return;
        List<BytesRef> terms = values.stream().map(v -> new BytesRef(keyword ? MentionFields.keywordValue(field, v) : v)).toList();
        b.add(new TermInSetQuery(field, terms), BooleanClause.Occur.FILTER);
    }

    private static Sort sort(Order order) {
        SortField id = new SortField(MentionDocument.ID, SortField.Type.STRING);
        return switch (order) {
            case TIME -> new Sort(new SortField(MentionDocument.PUBLISHED, SortField.Type.LONG, true), id);
            case REACH -> new Sort(new SortField(MentionDocument.REACH, SortField.Type.LONG, true), id);
            case RELEVANCE -> new Sort(SortField.FIELD_SCORE, id);
        };
    }

    private static String[] highlight(IndexSearcher searcher, Query text, TopDocs top) throws IOException {
        if (top.scoreDocs.length == 0 || text instanceof MatchAllDocsQuery) return null;
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, MentionFields.indexAnalyzer())
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
                .withMaxLength(20_000)
                .build();
        return highlighter.highlight(MentionFields.TEXT, text, top, 2);
    }

    private Map<String, List<Count>> facets(IndexSearcher searcher, FacetsCollector collector) throws IOException {
        Map<String, List<Count>> out = new LinkedHashMap<>();
        if (searcher.getIndexReader().maxDoc() == 0) return out;
        SortedSetDocValuesReaderState state = facetState(searcher);
        if (state == null) return out;
        SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(state, collector);
        for (String dim : MentionDocument.FACETS) {
            FacetResult result;
            try {
                result = counts.getTopChildren(FACET_TOP, dim);
            } catch (IllegalArgumentException dimensionNeverSeen) {
                result = null;
            }
            List<Count> values = new ArrayList<>();
            if (result != null) for (LabelAndValue lv : result.labelValues) values.add(new Count(lv.label, lv.value.longValue()));
            out.put(dim, values);
        }
        return out;
    }

    private synchronized SortedSetDocValuesReaderState facetState(IndexSearcher searcher) throws IOException {
        var helper = searcher.getIndexReader().getReaderCacheHelper();
        Object key = helper == null ? null : helper.getKey();
        if (key != null && key == facetReader) return facetState;
        try {
            facetState = new DefaultSortedSetDocValuesReaderState(searcher.getIndexReader(), MentionDocument.FACETS_CONFIG);
        } catch (IllegalArgumentException noFacetsYet) {
            facetState = null;
        }
        facetReader = key;
        return facetState;
    }

    /** The next page starts after this hit: its sort values, written as text. */
    private static String cursor(FieldDoc last, Order order) {
        Object first = last.fields[0];
        String idValue = ((BytesRef) last.fields[1]).utf8ToString();
        String head = order == Order.RELEVANCE ? Float.toString((Float) first) : Long.toString((Long) first);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((head + "\n" + idValue).getBytes(StandardCharsets.UTF_8));
    }

    /** The hit a cursor names; as its doc, the last one, so that its equal (itself: the id sorts last) is not repeated. */
    private static ScoreDoc cursor(String text, Order order, int maxDoc) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int cut = decoded.indexOf('\n');
            String head = decoded.substring(0, cut);
            BytesRef id = new BytesRef(decoded.substring(cut + 1));
            Object first = order == Order.RELEVANCE ? (Object) Float.parseFloat(head) : (Object) Long.parseLong(head);
            return new FieldDoc(Math.max(0, maxDoc - 1), Float.NaN, new Object[] {first, id});
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor of this search: " + text);
        }
    }

}
