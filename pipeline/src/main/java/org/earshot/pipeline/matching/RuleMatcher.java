package org.earshot.pipeline.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.memory.MemoryIndex;
import java.util.function.Supplier;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.apache.lucene.util.BytesRef;
import org.earshot.pipeline.query.MentionFields;
import org.earshot.pipeline.query.QueryCompiler;
import org.earshot.pipeline.query.QueryNode;
import org.earshot.pipeline.query.QueryParser;
import org.earshot.schemas.Mention;

/**
 * Matches mentions against live rules. Each rule is parsed and compiled once and filed under its
 * required terms; a mention's own terms pick the candidate rules, and only those run: rules of
 * single words with AND, OR and NOT straight on the mention's terms, the rest on its
 * one-document index. Rules without required terms run on every mention, so none is
 * ever silently skipped. Not thread-safe: one per Flink subtask.
 */
public final class RuleMatcher {
    /** A rule that failed on a mention, reported rather than failing the mention. */
    public record Failure(String ruleId, String error) {}

    /** The rules a mention matched, and any that failed on it. */
    public record Result(List<String> ruleIds, List<Failure> failures, int candidates) {}

    /** {@code readsTerms}: wildcards, fuzzy words and prefixes expand against each mention's own terms. */
    private record Rule(String id, Query query, Optional<Set<String>> keys, boolean readsTerms, TermExpression terms) {}

    /** Rewrites what does not depend on a mention once, when the rule is put. */
    private static final IndexSearcher NO_MENTION = new MemoryIndex().createSearcher();

    private final Analyzer analyzer = MentionFields.analyzer();
    private final QueryCompiler compiler = new QueryCompiler(analyzer);
    private final RequiredTerms requiredTerms = new RequiredTerms(analyzer);
    private final Map<String, Rule> rules = new HashMap<>();
    private final Map<String, Set<String>> rulesByKey = new HashMap<>();
    private final Set<String> everywhere = new HashSet<>();

    /**
     * Adds a rule or replaces the one with the same id. A query that does not parse throws
     * {@link org.earshot.pipeline.query.QueryException} and leaves the matcher as it was.
     */
    public void put(String ruleId, String query) {
        QueryNode parsed = QueryParser.parse(query);
        Query compiled = compiler.compile(parsed);
        boolean readsTerms = readsTerms(compiled);
        if (!readsTerms) compiled = rewrite(NO_MENTION, compiled);
        Rule rule = new Rule(ruleId, compiled, requiredTerms.of(parsed), readsTerms, TermExpression.of(parsed, analyzer));
        remove(ruleId);
        rules.put(ruleId, rule);
        if (rule.keys().isEmpty()) {
            everywhere.add(ruleId);
        } else {
            for (String key : rule.keys().get()) rulesByKey.computeIfAbsent(key, k -> new HashSet<>()).add(ruleId);
        }
    }

    public void remove(String ruleId) {
        Rule old = rules.remove(ruleId);
        if (old == null) return;
        everywhere.remove(ruleId);
        old.keys().ifPresent(keys -> keys.forEach(key -> {
            Set<String> ids = rulesByKey.get(key);
            if (ids != null && ids.remove(ruleId) && ids.isEmpty()) rulesByKey.remove(key);
        }));
    }

    public int size() {
        return rules.size();
    }

    public Result match(Mention mention) {
        MemoryIndex index = MentionFields.memoryIndex(mention, analyzer);
        Set<String> candidates = new HashSet<>(everywhere);
        Set<String> keys = terms(index);
        for (String key : keys) {
            Set<String> ids = rulesByKey.get(key);
            if (ids != null) candidates.addAll(ids);
        }
        List<String> matched = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        IndexSearcher searcher = null;
        LeafReaderContext leaf = null;
        for (String id : candidates) {
            Rule rule = rules.get(id);
            try {
                if (rule.terms() != null) {
                    if (rule.terms().test(keys)) matched.add(id);
                    continue;
                }
                if (searcher == null) {
                    searcher = index.createSearcher();
                    searcher.setQueryCache(null);
                    leaf = searcher.getIndexReader().leaves().get(0);
                }
                if (matches(searcher, leaf, rule)) matched.add(id);
            } catch (IOException | RuntimeException e) {
                failures.add(new Failure(id, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        matched.sort(null);
        return new Result(matched, failures, candidates.size());
    }

    /** Whether the one document matches, without scores. */
    private static boolean matches(IndexSearcher searcher, LeafReaderContext leaf, Rule rule) throws IOException {
        Query query = rule.readsTerms() ? rewrite(searcher, rule.query()) : rule.query();
        Scorer scorer = searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1f).scorer(leaf);
        return scorer != null && scorer.iterator().nextDoc() != DocIdSetIterator.NO_MORE_DOCS;
    }

    private static Query rewrite(IndexSearcher searcher, Query query) {
        try {
            return searcher.rewrite(query);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a query expands terms against the index it runs on (wildcard, fuzzy, prefix). */
    private static boolean readsTerms(Query query) {
        boolean[] found = {false};
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTermsMatching(Query q, String field, Supplier<ByteRunAutomaton> automaton) {
                found[0] = true;
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this; // NOT clauses too
            }
        });
        return found[0];
    }

    /** Every field:token key in the mention's index. */
    private static Set<String> terms(MemoryIndex index) {
        Set<String> keys = new HashSet<>();
        try {
            LeafReader reader = (LeafReader) index.createSearcher().getIndexReader();
            for (FieldInfo field : reader.getFieldInfos()) {
                Terms terms = reader.terms(field.name);
                if (terms == null) continue;
                TermsEnum e = terms.iterator();
                boolean words = !MentionFields.isKeywordField(field.name);
                for (BytesRef term = e.next(); term != null; term = e.next()) {
                    String token = term.utf8ToString();
                    keys.add(RequiredTerms.key(field.name, token));
                    if (!words) continue;
                    int longest = Math.min(RequiredTerms.MAX_PREFIX, token.length());
                    for (int n = RequiredTerms.MIN_PREFIX; n <= longest; n++) keys.add(RequiredTerms.prefixKey(field.name, token.substring(0, n)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }
}
