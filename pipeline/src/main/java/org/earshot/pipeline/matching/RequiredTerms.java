package org.earshot.pipeline.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
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
 * What a mention must contain for a rule to match it: a list of key sets (field:token keys, or
 * field:prefix keys for the literal start of a wildcard), each a necessary condition (the mention
 * holds at least one key of every set), never a sufficient one. An empty list when the rule
 * cannot be reduced to terms (a wildcard without two literal letters, a fuzzy word, a URL prefix,
 * raw text): such a rule runs on every mention.
 */
final class RequiredTerms {
    private final Analyzer analyzer;

    RequiredTerms(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** Every necessary key set of the query; empty when every mention is a candidate. */
    List<Set<String>> of(QueryNode query) {
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

    static boolean isPrefixKey(String key) {
        return key.indexOf('\u0001') >= 0;
    }

    /** The field a key is in. */
    static String fieldOf(String key) {
        int at = isPrefixKey(key) ? key.indexOf('\u0001') : key.indexOf('\u0000');
        return key.substring(0, at);
    }

    /** The length of a key's token or wildcard prefix. */
    static int tokenLength(String key) {
        return key.length() - fieldOf(key).length() - 1;
    }

    private static int firstWildcard(String s) {
        int star = s.indexOf('*');
        int question = s.indexOf('?');
        return star < 0 ? question : question < 0 ? star : Math.min(star, question);
    }

    private List<Set<String>> extract(QueryNode node, String field) {
        if (node instanceof QueryNode.Term t) return words(field, t.text());
        if (node instanceof Phrase p) return words(field, p.text());
        if (node instanceof Field f) return extract(f.query(), MentionFields.fieldFor(f.field()));
        if (node instanceof Near n) return concat(List.of(extract(n.left(), field), extract(n.right(), field)));
        if (node instanceof And a) {
            // Every positive clause must match: all of their conditions hold at once.
            List<List<Set<String>>> parts = new ArrayList<>();
            for (QueryNode clause : a.clauses()) if (!(clause instanceof Not)) parts.add(extract(clause, field));
            return concat(parts);
        }
        if (node instanceof Or o) {
            // One of the clauses matches: the union of one condition of each is necessary.
            Set<String> union = new HashSet<>();
            for (QueryNode clause : o.clauses()) {
                List<Set<String>> keys = extract(clause, field);
                if (keys.isEmpty()) return List.of();
                union.addAll(best(keys));
            }
            return List.of(union);
        }
        if (node instanceof QueryNode.Wildcard w && !MentionFields.isKeywordField(field) && !field.equals(MentionFields.RAW)) {
            // The literal start of the pattern: some token of the mention must begin with it.
            String pattern = analyzer.normalize(field, w.pattern()).utf8ToString();
            int wildcard = firstWildcard(pattern);
            if (wildcard >= MIN_PREFIX) return List.of(Set.of(prefixKey(field, pattern.substring(0, Math.min(wildcard, MAX_PREFIX)))));
        }
        return List.of(); // fuzzy, raw, URL prefixes: no exact term to require
    }

    /** Each token of a word or phrase is required; keyword fields whole. */
    private List<Set<String>> words(String field, String text) {
        if (MentionFields.isKeywordField(field)) {
            if (field.equals(MentionFields.URL) || field.equals(MentionFields.LINKS)) return List.of(); // prefix matches
            return List.of(Set.of(key(field, MentionFields.keywordValue(field, text))));
        }
        if (field.equals(MentionFields.RAW)) return List.of();
        List<Tokens.Token> tokens = Tokens.of(analyzer, field, text);
        // No token at all: that part matches nothing, and an empty set selects no mention.
        if (tokens.isEmpty()) return List.of(Set.of());
        Set<String> all = new HashSet<>();
        for (Tokens.Token token : tokens) all.add(key(field, token.text()));
        // Tokens at one position (a URL and its host) are alternatives: then any of them will do.
        if (tokens.stream().anyMatch(Tokens.Token::samePosition)) return List.of(all);
        return all.stream().map(Set::of).toList();
    }

    /**
     * The set to file a rule under: the fewest keys, exact tokens before wildcard prefixes, long
     * tokens (rare ones) before short.
     */
    static Set<String> best(List<Set<String>> sets) {
        return sets.stream().min(Comparator.<Set<String>>comparingInt(Set::size)
                .thenComparing(set -> set.stream().anyMatch(RequiredTerms::isPrefixKey))
                .thenComparing(Comparator.<Set<String>>comparingInt(
                        set -> set.stream().mapToInt(String::length).min().orElse(0)).reversed())).orElseThrow();
    }

    private static List<Set<String>> concat(List<List<Set<String>>> parts) {
        List<Set<String>> all = new ArrayList<>();
        for (List<Set<String>> part : parts) for (Set<String> set : part) if (!all.contains(set)) all.add(set);
        return all;
    }
}
