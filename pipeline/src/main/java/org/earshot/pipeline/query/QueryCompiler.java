package org.earshot.pipeline.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.earshot.pipeline.query.QueryNode.And;
import org.earshot.pipeline.query.QueryNode.Field;
import org.earshot.pipeline.query.QueryNode.Fuzzy;
import org.earshot.pipeline.query.QueryNode.Near;
import org.earshot.pipeline.query.QueryNode.Not;
import org.earshot.pipeline.query.QueryNode.Or;
import org.earshot.pipeline.query.QueryNode.Phrase;
import org.earshot.pipeline.query.QueryNode.Raw;
import org.earshot.pipeline.query.QueryNode.Wildcard;
import org.earshot.pipeline.text.Tokens;

/**
 * Turns a parsed query into a Lucene {@link Query} over the fields of {@link MentionFields}: words
 * and phrases through the social analyzer (the one the index uses), NEAR as span queries,
 * wildcards bounded to {@link #MAX_EXPANSIONS} terms.
 */
public final class QueryCompiler {
    /** A wildcard or fuzzy word matches at most this many distinct terms. */
    public static final int MAX_EXPANSIONS = 256;

    private final Analyzer analyzer;
    private final QueryBuilder builder;

    public QueryCompiler(Analyzer analyzer) {
        this.analyzer = analyzer;
        this.builder = new QueryBuilder(analyzer);
    }

    /** Parses and compiles. */
    public Query compile(String query) {
        return compile(QueryParser.parse(query));
    }

    public Query compile(QueryNode node) {
        return query(node, MentionFields.TEXT);
    }

    private Query query(QueryNode node, String field) {
        if (node instanceof QueryNode.Term t) return term(field, t.text());
        if (node instanceof Phrase p) return orNothing(MentionFields.isKeywordField(field) ? keyword(field, p.text())
                : builder.createPhraseQuery(field, p.text(), p.slop()));
        if (node instanceof Wildcard w) return bounded(new WildcardQuery(new Term(field, normalize(field, w.pattern()))));
        if (node instanceof Fuzzy f) return fuzzy(field, f);
        if (node instanceof Raw r) return orNothing(builder.createPhraseQuery(MentionFields.RAW, r.text()));
        if (node instanceof Field f) return query(f.query(), MentionFields.fieldFor(f.field()));
        if (node instanceof Near n) {
            if (!field.equals(MentionFields.TEXT) && !field.equals(MentionFields.TITLE)) {
                throw new QueryException(1, "NEAR works on words of the text or title, not on " + field + ":");
            }
            return near(n, field);
        }
        if (node instanceof Not n) return query(n.query(), field); // the enclosing AND makes it MUST_NOT
        BooleanQuery.Builder bool = new BooleanQuery.Builder();
        if (node instanceof And a) {
            for (QueryNode clause : a.clauses()) {
                bool.add(query(clause, field), clause instanceof Not ? Occur.MUST_NOT : Occur.MUST);
            }
        } else {
            for (QueryNode clause : ((Or) node).clauses()) bool.add(query(clause, field), Occur.SHOULD);
        }
        return bool.build();
    }

    /** A word: one token a term, several (a URL and its host, CJK characters) a phrase. */
    private Query term(String field, String text) {
        if (MentionFields.isKeywordField(field)) return keyword(field, text);
        return orNothing(builder.createPhraseQuery(field, text));
    }

    /**
     * Keyword fields hold whole values: sites and languages exactly; URLs and links as
     * {@code host/path} without scheme or {@code www.}, matched by prefix.
     */
    private static Query keyword(String field, String text) {
        String value = MentionFields.keywordValue(field, text);
        if (field.equals(MentionFields.URL) || field.equals(MentionFields.LINKS)) return new PrefixQuery(new Term(field, value));
        return new TermQuery(new Term(field, value));
    }

    private SpanQuery near(Near near, String field) {
        return new SpanNearQuery(new SpanQuery[] {span(near.left(), field), span(near.right(), field)}, near.distance(), near.ordered());
    }

    /** The span form of what NEAR may join: words, phrases, wildcards, fuzzy words, OR groups and NEARs. */
    private SpanQuery span(QueryNode node, String field) {
        if (node instanceof QueryNode.Term t) return phraseSpan(field, t.text(), 0);
        if (node instanceof Phrase p) return phraseSpan(field, p.text(), p.slop());
        if (node instanceof Wildcard w) {
            SpanMultiTermQueryWrapper<WildcardQuery> wrapped = new SpanMultiTermQueryWrapper<>(new WildcardQuery(new Term(field, normalize(field, w.pattern()))));
            wrapped.setRewriteMethod(new SpanMultiTermQueryWrapper.TopTermsSpanBooleanQueryRewrite(MAX_EXPANSIONS));
            return wrapped;
        }
        if (node instanceof Fuzzy f) {
            return new SpanMultiTermQueryWrapper<>(fuzzy(field, f));
        }
        if (node instanceof Or or) return new SpanOrQuery(or.clauses().stream().map(c -> span(c, field)).toArray(SpanQuery[]::new));
        if (node instanceof Near near) return near(near, field);
        throw new QueryException(1, "NEAR joins words, phrases and OR groups; " + describe(node) + " cannot be inside it");
    }

    private SpanQuery phraseSpan(String field, String text, int slop) {
        List<SpanQuery> spans = new ArrayList<>();
        for (Tokens.Token token : Tokens.of(analyzer, field, text)) {
            if (!token.samePosition()) spans.add(new SpanTermQuery(new Term(field, token.text()))); // a URL's host rides along; the URL is enough
        }
        if (spans.isEmpty()) throw new QueryException(1, "'" + text + "' has no word to match inside NEAR");
        return spans.size() == 1 ? spans.get(0) : new SpanNearQuery(spans.toArray(SpanQuery[]::new), slop, true);
    }

    /** A word and its misspellings: the first letter must be right, a swap of two letters is one edit. */
    private FuzzyQuery fuzzy(String field, Fuzzy f) {
        return new FuzzyWordQuery(new Term(field, normalize(field, f.text())), f.edits(), 1, MAX_EXPANSIONS);
    }

    private String normalize(String field, String word) {
        if (MentionFields.isKeywordField(field)) return word.toLowerCase(Locale.ROOT);
        BytesRef normalized = analyzer.normalize(field, word);
        return normalized.utf8ToString();
    }

    private static MultiTermQuery bounded(MultiTermQuery query) {
        query.setRewriteMethod(new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(MAX_EXPANSIONS));
        return query;
    }

    /** A query with no words (only punctuation, say) matches nothing rather than everything. */
    private static Query orNothing(Query query) {
        return query == null ? new MatchNoDocsQuery("no words to match") : query;
    }

    private static String describe(QueryNode node) {
        return node instanceof And ? "AND" : node instanceof Not ? "NOT" : node instanceof Field f ? f.field() + ":" : "raw:";
    }
}
