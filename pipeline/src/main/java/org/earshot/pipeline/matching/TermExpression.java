package org.earshot.pipeline.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.earshot.pipeline.query.MentionFields;
import org.earshot.pipeline.query.QueryNode;
import org.earshot.pipeline.query.QueryNode.And;
import org.earshot.pipeline.query.QueryNode.Field;
import org.earshot.pipeline.query.QueryNode.Not;
import org.earshot.pipeline.query.QueryNode.Or;
import org.earshot.pipeline.text.Tokens;

/**
 * A rule made only of single-token words combined with AND, OR and NOT, decided from the set of a
 * mention's field:token keys without running Lucene: most listening rules look like this, and
 * it gives exactly the answer the compiled query gives on the mention's index.
 */
@FunctionalInterface
interface TermExpression {
    boolean test(Set<String> keys);

    /** The expression for a rule, or null when it needs Lucene (phrases, NEAR, wildcards, prefixes, raw). */
    static TermExpression of(QueryNode node, Analyzer analyzer) {
        return build(node, MentionFields.TEXT, analyzer);
    }

    private static TermExpression build(QueryNode node, String field, Analyzer analyzer) {
        if (node instanceof QueryNode.Term t) return word(field, t.text(), analyzer);
        if (node instanceof Field f) return build(f.query(), MentionFields.fieldFor(f.field()), analyzer);
        if (node instanceof Or or) {
            List<TermExpression> any = new ArrayList<>();
            for (QueryNode clause : or.clauses()) {
                TermExpression e = build(clause, field, analyzer);
                if (e == null) return null;
                any.add(e);
            }
            TermExpression[] choices = any.toArray(TermExpression[]::new);
            return keys -> {
                for (TermExpression e : choices) if (e.test(keys)) return true;
                return false;
            };
        }
        if (node instanceof And and) {
            List<TermExpression> all = new ArrayList<>();
            List<TermExpression> none = new ArrayList<>();
            for (QueryNode clause : and.clauses()) {
                boolean excluded = clause instanceof Not;
                TermExpression e = build(excluded ? ((Not) clause).query() : clause, field, analyzer);
                if (e == null) return null;
                (excluded ? none : all).add(e);
            }
            TermExpression[] required = all.toArray(TermExpression[]::new);
            TermExpression[] excluded = none.toArray(TermExpression[]::new);
            return keys -> {
                for (TermExpression e : required) if (!e.test(keys)) return false;
                for (TermExpression e : excluded) if (e.test(keys)) return false;
                return true;
            };
        }
        return null;
    }

    /** A word that is one token (or a whole keyword value): present or not. */
    private static TermExpression word(String field, String text, Analyzer analyzer) {
        if (MentionFields.isKeywordField(field)) {
            if (field.equals(MentionFields.URL) || field.equals(MentionFields.LINKS)) return null; // prefix matches
            String key = RequiredTerms.key(field, MentionFields.keywordValue(field, text));
            return keys -> keys.contains(key);
        }
        if (field.equals(MentionFields.RAW)) return null;
        List<Tokens.Token> tokens = Tokens.of(analyzer, field, text);
        if (tokens.isEmpty()) return keys -> false; // no word: matches nothing, as the compiled query
        if (tokens.size() > 1) return null; // a phrase, or alternatives at one position: Lucene decides
        String key = RequiredTerms.key(field, tokens.get(0).text());
        return keys -> keys.contains(key);
    }
}
