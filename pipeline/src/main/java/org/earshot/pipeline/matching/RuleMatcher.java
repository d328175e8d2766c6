package org.earshot.pipeline.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.apache.lucene.util.BytesRef;
import org.earshot.pipeline.query.MentionFields;
import org.earshot.pipeline.query.QueryCompiler;
import org.earshot.pipeline.query.QueryNode;
import org.earshot.pipeline.query.QueryParser;
import org.earshot.schemas.Mention;

/**
 * Matches mentions against live rules. Each rule is parsed and compiled once and filed under one
 * set of its required terms; a mention's own terms pick the candidate rules, each candidate's
 * other required terms are checked against the mention's terms, and only the rules that pass
 * run: rules of single words with AND, OR and NOT straight on the mention's terms, the rest on
 * its one-document index. Rules without required terms run on every mention, so none is ever
 * silently skipped. Not thread-safe: one per Flink subtask.
 */
public final class RuleMatcher {
    /** A rule that failed on a mention, reported rather than failing the mention. */
    public record Failure(String ruleId, String error) {}

    /** The rules a mention matched, and any that failed on it; {@code candidates} is how many were looked at. */
    public record Result(List<String> ruleIds, List<Failure> failures, int candidates) {}

    /**
     * {@code required}: its necessary key sets (none: it runs on every mention); {@code readsTerms}:
     * wildcards, fuzzy words and prefixes expand against each mention's own terms.
     */
    private record Rule(String id, Query query, String[][] required, boolean readsTerms, TermExpression terms) {}

    /** Rewrites what does not depend on a mention once, when the rule is put. */
    private static final IndexSearcher NO_MENTION = new MemoryIndex().createSearcher();
    private static final int[] NONE = new int[0];
    private static final Result NOTHING = new Result(List.of(), List.of(), 0);

    /** Queries are read as queries; a mention is indexed with the forms a brand takes in a post. */
    private final Analyzer analyzer = MentionFields.queryAnalyzer();
    private final Analyzer indexAnalyzer = MentionFields.indexAnalyzer();
    private final QueryCompiler compiler = new QueryCompiler(analyzer);
    private final RequiredTerms requiredTerms = new RequiredTerms(analyzer);
    /** Rules by slot; a removed rule's slot is reused. */
    private Rule[] slots = new Rule[1024];
    private final Map<String, Integer> slotOf = new HashMap<>();
    private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
    private int nextSlot;
    /** Key → the slots of the rules filed under it (copied on change: reads dominate). */
    private final Map<String, int[]> slotsByKey = new HashMap<>();
    private int[] everywhere = NONE;
    /** Per slot, the last mention it was a candidate for: deduplicates candidates without a set. */
    private int[] seenAt = new int[1024];
    /** Per slot, which of its required sets it is filed under. */
    private int[] filedAt = new int[1024];
    private int mentionNumber;
    private final KeyStats stats = new KeyStats();
    /** How many required sets use wildcard prefixes of each length: only those are looked up. */
    private final int[] prefixUse = new int[RequiredTerms.MAX_PREFIX + 1];

    /**
     * Adds a rule or replaces the one with the same id. A query that does not parse throws
     * {@link org.earshot.pipeline.query.QueryException} and leaves the matcher as it was.
     */
    public void put(String ruleId, String query) {
        QueryNode parsed = QueryParser.parse(query);
        Query compiled = compiler.compile(parsed);
        boolean readsTerms = readsTerms(compiled);
        if (!readsTerms) compiled = rewrite(NO_MENTION, compiled);
        String[][] required = requiredTerms.of(parsed).stream().map(set -> set.toArray(String[]::new)).toArray(String[][]::new);
        Rule rule = new Rule(ruleId, compiled, required, readsTerms, TermExpression.of(parsed, analyzer));
        remove(ruleId);
        int slot = freeSlots.isEmpty() ? nextSlot++ : freeSlots.pop();
        if (slot >= slots.length) {
            slots = Arrays.copyOf(slots, slots.length * 2);
            seenAt = Arrays.copyOf(seenAt, slots.length);
            filedAt = Arrays.copyOf(filedAt, slots.length);
        }
        slots[slot] = rule;
        slotOf.put(ruleId, slot);
        countPrefixes(required, 1);
        file(slot);
    }

    public void remove(String ruleId) {
        Integer slot = slotOf.remove(ruleId);
        if (slot == null) return;
        unfile(slot);
        countPrefixes(slots[slot].required(), -1);
        slots[slot] = null;
        freeSlots.push(slot);
    }

    /** Files the rule in {@code slot} under its rarest required set, or everywhere when it has none. */
    private void file(int slot) {
        String[][] required = slots[slot].required();
        if (required.length == 0) {
            everywhere = with(everywhere, slot);
            return;
        }
        int at = stats.cheapest(required);
        filedAt[slot] = at;
        for (String key : required[at]) slotsByKey.put(key, with(slotsByKey.getOrDefault(key, NONE), slot));
    }

    private void unfile(int slot) {
        String[][] required = slots[slot].required();
        if (required.length == 0) {
            everywhere = without(everywhere, slot);
            return;
        }
        for (String key : required[filedAt[slot]]) {
            int[] left = without(slotsByKey.getOrDefault(key, NONE), slot);
            if (left.length == 0) slotsByKey.remove(key);
            else slotsByKey.put(key, left);
        }
    }

    /** Once the key statistics changed: each rule under its rarest set as now estimated. */
    private void refile() {
        for (int slot = 0; slot < nextSlot; slot++) {
            Rule rule = slots[slot];
            if (rule == null || rule.required().length < 2 || stats.cheapest(rule.required()) == filedAt[slot]) continue;
            unfile(slot);
            file(slot);
        }
    }

    private void countPrefixes(String[][] required, int delta) {
        for (String[] set : required) {
            for (String key : set) {
                if (RequiredTerms.isPrefixKey(key)) prefixUse[RequiredTerms.tokenLength(key)] += delta;
            }
        }
    }

    public int size() {
        return slotOf.size();
    }

    public Result match(Mention mention) {
        if (slotOf.isEmpty()) return NOTHING; // no rules, nothing to index
        MemoryIndex index = MentionFields.memoryIndex(mention, indexAnalyzer);
        Set<String> keys = terms(index);
        if (stats.observe(keys)) refile();
        if (mentionNumber == Integer.MAX_VALUE) { // after two billion mentions, start the marks again
            Arrays.fill(seenAt, 0);
            mentionNumber = 0;
        }
        int mark = ++mentionNumber;
        int[] candidates = new int[16];
        int count = 0;
        for (int slot : everywhere) {
            if (count == candidates.length) candidates = Arrays.copyOf(candidates, count * 2);
            seenAt[slot] = mark;
            candidates[count++] = slot;
        }
        for (String key : keys) {
            int[] filed = slotsByKey.get(key);
            if (filed == null) continue;
            for (int slot : filed) {
                if (seenAt[slot] == mark) continue;
                seenAt[slot] = mark;
                if (count == candidates.length) candidates = Arrays.copyOf(candidates, count * 2);
                candidates[count++] = slot;
            }
        }
        List<String> matched = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        IndexSearcher searcher = null;
        LeafReaderContext leaf = null;
        for (int i = 0; i < count; i++) {
            Rule rule = slots[candidates[i]];
            if (!holdsAll(rule.required(), filedAt[candidates[i]], keys)) continue;
            try {
                if (rule.terms() != null) {
                    if (rule.terms().test(keys)) matched.add(rule.id());
                    continue;
                }
                if (searcher == null) {
                    searcher = index.createSearcher();
                    searcher.setQueryCache(null);
                    leaf = searcher.getIndexReader().leaves().get(0);
                }
                if (matches(searcher, leaf, rule)) matched.add(rule.id());
            } catch (IOException | RuntimeException e) {
                failures.add(new Failure(rule.id(), e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        matched.sort(null);
        return new Result(matched, failures, count);
    }

    /** A part of a rule's query (a term or phrase as Lucene writes it) and the words of the post it matched. */
    public record Hit(String query, String matched) {}

    /**
     * Where rule {@code ruleId} matches {@code mention}: each term or phrase of its query that the
     * mention has, with the words of its text or title it matched ({@code null} for other fields).
     * Empty when the rule does not match. For explaining a match, not for matching: it indexes the
     * mention again.
     */
    public List<Hit> hits(Mention mention, String ruleId) {
        Integer slot = slotOf.get(ruleId);
        if (slot == null) return List.of();
        try {
            IndexSearcher searcher = MentionFields.memoryIndex(mention, indexAnalyzer).createSearcher();
            Weight weight = searcher.createWeight(searcher.rewrite(slots[slot].query()), ScoreMode.COMPLETE_NO_SCORES, 1f);
            Matches matches = weight.matches(searcher.getIndexReader().leaves().get(0), 0);
            if (matches == null) return List.of();
            List<Hit> hits = new ArrayList<>();
            for (String field : matches) {
                MatchesIterator at = matches.getMatches(field);
                if (at == null) continue;
                String source = switch (field) {
                    case MentionFields.TEXT, MentionFields.RAW -> mention.text;
                    case MentionFields.TITLE -> mention.title;
                    default -> null;
                };
                while (at.next()) {
                    boolean located = source != null && at.startOffset() >= 0 && at.endOffset() <= source.length();
                    Query part = at.getQuery();
                    hits.add(new Hit(part == null ? field : part.toString(), located ? source.substring(at.startOffset(), at.endOffset()) : null));
                }
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the mention holds at least one key of every set (but the one it was found by). */
    private static boolean holdsAll(String[][] required, int filed, Set<String> keys) {
        for (int i = 0; i < required.length; i++) {
            if (i == filed) continue;
            String[] set = required[i];
            boolean any = false;
            for (String key : set) {
                if (keys.contains(key)) {
                    any = true;
                    break;
                }
            }
            if (!any) return false;
        }
        return true;
    }

    private static int[] with(int[] slots, int slot) {
        int[] out = Arrays.copyOf(slots, slots.length + 1);
        out[slots.length] = slot;
        return out;
    }

    private static int[] without(int[] slots, int slot) {
        int at = -1;
        for (int i = 0; i < slots.length && at < 0; i++) if (slots[i] == slot) at = i;
        if (at < 0) return slots;
        int[] out = new int[slots.length - 1];
        System.arraycopy(slots, 0, out, 0, at);
        System.arraycopy(slots, at + 1, out, at, slots.length - at - 1);
        return out;
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
    private Set<String> terms(MemoryIndex index) {
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
                    for (int n = RequiredTerms.MIN_PREFIX; n <= longest; n++) {
                        if (prefixUse[n] > 0) keys.add(RequiredTerms.prefixKey(field.name, token.substring(0, n)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }
}
