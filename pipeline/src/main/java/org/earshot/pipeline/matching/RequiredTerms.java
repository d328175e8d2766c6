package org.earshot.pipeline.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.earshot.pipeline.query.MentionFields;
import org.earshot.pipeline.query.QueryNode;
import org.earshot.pipeline.query.QueryNode.And;
import org.earshot.pipeline.query.QueryNode.Field;
import org.earshot.pipeline.query.QueryNode.Near;
import org.earshot.pipeline.query.QueryNode.Not;
import org.earshot.pipeline.query.QueryNode.Or;
import org.earshot.pipeline.query.QueryNode.Phrase;
import org.earshot.pipeline.text.Tokens;

/**
 * A set of field:token keys of which a mention must contain at least one for a rule to match it
 * (a necessary condition, never a sufficient one). Empty when the rule cannot be reduced to terms
 * (a wildcard, a fuzzy word, a URL prefix, raw text), in which case it runs on every mention.
 */
final class RequiredTerms {
    private final Analyzer analyzer;

    RequiredTerms(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The keys, or empty when every mention is a candidate. */
    Optional<Set<String>> of(QueryNode query) {
        return extract(query, MentionFields.TEXT);
    }

    /** Prefix keys are filed for the literal start of wildcards, this long at most. */
    static final int MAX_PREFIX = 8;
    static final int MIN_PREFIX = 2;

    static String key(String field, String token) {
        return field + '\u0000' + token;
    }

    static String prefixKey(String field, String prefix) {
        return field + '\u0001' + prefix;
    }

    private static int firstWildcard(String s) {
        int star = s.indexOf('*');
        int question = s.indexOf('?');
        return star < 0 ? question : question < 0 ? star : Math.min(star, question);
    }

    private Optional<Set<String>> extract(QueryNode node, String field) {
        if (node instanceof QueryNode.Term t) return best(field, t.text());
        if (node instanceof Phrase p) return best(field, p.text());
        if (node instanceof Field f) return extract(f.query(), MentionFields.fieldFor(f.field()));
        if (node instanceof Near n) return smallest(List.of(extract(n.left(), field), extract(n.right(), field)));
        if (node instanceof And a) {
            // Every positive clause must match, so any one of them is a necessary condition: take the narrowest.
            List<Optional<Set<String>>> options = new ArrayList<>();
            for (QueryNode clause : a.clauses()) if (!(clause instanceof Not)) options.add(extract(clause, field));
            return smallest(options);
        }
        if (node instanceof Or o) {
            Set<String> union = new HashSet<>();
            for (QueryNode clause : o.clauses()) {
                Optional<Set<String>> keys = extract(clause, field);
                if (keys.isEmpty()) return Optional.empty();
                union.addAll(keys.get());
            }
            return Optional.of(union);
        }
        if (node instanceof QueryNode.Wildcard w && !MentionFields.isKeywordField(field) && !field.equals(MentionFields.RAW)) {
            // The literal start of the pattern: some token of the mention must begin with it.
            String pattern = analyzer.normalize(field, w.pattern()).utf8ToString();
            int wildcard = firstWildcard(pattern);
            if (wildcard >= MIN_PREFIX) return Optional.of(Set.of(prefixKey(field, pattern.substring(0, Math.min(wildcard, MAX_PREFIX)))));
        }
        return Optional.empty(); // fuzzy, raw, URL prefixes: no exact term to require
    }

    /** The longest token of a word or phrase (long tokens are rare ones); keyword fields whole. */
    private Optional<Set<String>> best(String field, String text) {
        if (MentionFields.isKeywordField(field)) {
            if (field.equals(MentionFields.URL) || field.equals(MentionFields.LINKS)) return Optional.empty(); // prefix matches
            return Optional.of(Set.of(key(field, MentionFields.keywordValue(field, text))));
        }
        if (field.equals(MentionFields.RAW)) return Optional.empty();
        String longest = null;
        Set<String> all = new HashSet<>();
        boolean alternatives = false;
        for (Tokens.Token token : Tokens.of(analyzer, field, text)) {
            all.add(key(field, token.text()));
            alternatives |= token.samePosition();
            if (longest == null || token.text().length() > longest.length()) longest = token.text();
        }
        // Tokens at one position (a URL and its host) are alternatives: then any of all tokens will do.
        if (alternatives) return Optional.of(all);
        // No token at all: that part matches nothing, and an empty set selects no mention.
        return Optional.of(longest == null ? Set.of() : Set.of(key(field, longest)));
    }

    private static Optional<Set<String>> smallest(List<Optional<Set<String>>> options) {
        return options.stream().filter(Optional::isPresent).map(Optional::get)
                .min(Comparator.comparingInt(Set::size));
    }
}
