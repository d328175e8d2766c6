package org.earshot.pipeline.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.earshot.pipeline.query.QueryCompiler;
import org.earshot.pipeline.query.QueryNode;
import org.earshot.pipeline.query.QueryParser;

/**
 * A rule ready to run: its Lucene query (rewritten once where that does not depend on a mention), the sets of
 * terms a mention must hold one of each for it to match (what a {@link Presearcher} files it by; none: it can
 * match anything), and, for rules of single words with AND, OR and NOT, an expression over the mention's terms
 * that decides without Lucene.
 *
 * @param readsTerms wildcards, fuzzy words and prefixes expand against each mention's own terms
 * @param fields the Lucene fields the rule reads, NOT clauses included: a mention need not be indexed in any other
 *     for this rule; null when a part of the query does not say which fields it reads (then every field is)
 */
public record CompiledRule(String id, Query query, String[][] required, boolean readsTerms, TermExpression terms, Set<String> fields) {
    /** Rewrites what does not depend on a mention once, when the rule is compiled. */
    private static final IndexSearcher NO_MENTION = new MemoryIndex().createSearcher();

    /** Compiles rules with one analyzer, as the matcher reads queries. */
    static final class Compiler {
        private final Analyzer analyzer;
        private final QueryCompiler compiler;
        private final RequiredTerms requiredTerms;

        Compiler(Analyzer analyzer) {
            this.analyzer = analyzer;
            this.compiler = new QueryCompiler(analyzer);
            this.requiredTerms = new RequiredTerms(analyzer);
        }

        /** Throws {@link org.earshot.pipeline.query.QueryException} naming the position when the query does not parse. */
        CompiledRule compile(String id, String query) {
            QueryNode parsed = QueryParser.parse(query);
            Query compiled = compiler.compile(parsed);
            boolean readsTerms = readsTerms(compiled);
            Set<String> fields = fieldsRead(compiled);
            if (!readsTerms) compiled = rewrite(NO_MENTION, compiled);
            String[][] required = requiredTerms.of(parsed).stream().map(set -> set.toArray(String[]::new)).toArray(String[][]::new);
            if (fields != null) for (String[] keys : required) for (String key : keys) fields.add(RequiredTerms.fieldOf(key));
            return new CompiledRule(id, compiled, required, readsTerms, TermExpression.of(parsed, analyzer),
                    fields == null ? null : Set.copyOf(fields)); // a set of one or two, not a HashSet: 10,000 rules held 2 MB more
        }
    }

    static Query rewrite(IndexSearcher searcher, Query query) {
        try {
            return searcher.rewrite(query);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fields {@code query} reads, from each part that names its field ({@code acceptField}: terms, phrases,
     * spans, wildcards, fuzzy words), NOT clauses included; null when some other part (a query that names no field)
     * could read any. A match-all or match-none part reads none.
     */
    private static Set<String> fieldsRead(Query query) {
        Set<String> fields = new HashSet<>();
        boolean[] unknown = {false};
        query.visit(new QueryVisitor() {
            @Override
            public boolean acceptField(String field) {
                fields.add(field);
                return true;
            }

            @Override
            public void consumeTermsMatching(Query q, String field, Supplier<ByteRunAutomaton> automaton) {
                // its field was accepted first; the default would call it a leaf
            }

            @Override
            public void visitLeaf(Query q) {
                if (!(q instanceof MatchAllDocsQuery || q instanceof MatchNoDocsQuery)) unknown[0] = true;
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this; // a NOT clause reads its fields too
            }
        });
        return unknown[0] ? null : fields;
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
}
