package org.earshot.pipeline.matching;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.index.memory.RecyclingMemoryIndex;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.earshot.pipeline.query.MentionFields;
import org.earshot.schemas.Mention;

/**
 * Matches mentions against live rules, in the shape of Lucene's Monitor: {@link #register} a rule (parsed and
 * compiled once), {@link #delete} it, {@link #match} a mention, {@link #explain} a match. A {@link Presearcher}
 * picks the rules worth running on each mention; rules of single words with AND, OR and NOT then decide on the
 * mention's terms, the rest run on its one-document index. A rule that fails on a mention is reported in the
 * result, never thrown. Not thread-safe: one per Flink subtask.
 */
public final class RuleMatcher implements Closeable {
    /** A rule that failed on a mention, reported rather than failing the mention. */
    public record Failure(String ruleId, String error) {}

    /** The rules a mention matched, and any that failed on it; {@code candidates} is how many were looked at. */
    public record Result(List<String> ruleIds, List<Failure> failures, int candidates) {}

    /** A part of a rule's query (a term or phrase as Lucene writes it) and the words of the post it matched. */
    public record Hit(String query, String matched) {}

    private static final Result NOTHING = new Result(List.of(), List.of(), 0);

    /** Queries are read as queries; a mention is indexed with the forms a brand takes in a post. */
    private final Analyzer indexAnalyzer = MentionFields.indexAnalyzer();
    private final CompiledRule.Compiler compiler = new CompiledRule.Compiler(MentionFields.queryAnalyzer());
    private final Presearcher presearcher;
    /** Each mention's one-document index, emptied and refilled rather than made anew. */
    private final MemoryIndex reused = RecyclingMemoryIndex.withOffsets();
    /** Rules by slot; a deleted rule's slot is reused. */
    private CompiledRule[] slots = new CompiledRule[1024];
    private final Map<String, Integer> slotOf = new HashMap<>();
    private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
    private int nextSlot;
    /**
     * Field → how many live rules read it, and how many could read any field: a mention is indexed only in the
     * fields some rule reads. Rules that read neither author nor raw text (most do not) halve the indexing.
     */
    private final Map<String, Integer> readers = new HashMap<>();
    private int readAnyField;

    /** With the required-terms presearcher. */
    public RuleMatcher() {
        this(Presearcher.requiredTerms());
    }

    public RuleMatcher(Presearcher presearcher) {
        this.presearcher = presearcher;
    }

    /**
     * Adds a rule or replaces the one with the same id. A query that does not parse throws
     * {@link org.earshot.pipeline.query.QueryException} and leaves the matcher as it was.
     */
    public void register(String ruleId, String query) {
        CompiledRule rule = compiler.compile(ruleId, query);
        delete(ruleId);
        int slot = freeSlots.isEmpty() ? nextSlot++ : freeSlots.pop();
        if (slot >= slots.length) slots = Arrays.copyOf(slots, slots.length * 2);
        slots[slot] = rule;
        slotOf.put(ruleId, slot);
        presearcher.add(slot, rule);
        countReaders(rule, 1);
    }

    public void delete(String ruleId) {
        Integer slot = slotOf.remove(ruleId);
        if (slot == null) return;
        presearcher.remove(slot, slots[slot]);
        countReaders(slots[slot], -1);
        slots[slot] = null;
        freeSlots.push(slot);
    }

    private void countReaders(CompiledRule rule, int change) {
        if (rule.fields() == null) readAnyField += change;
        else for (String field : rule.fields()) readers.merge(field, change, (a, b) -> a + b == 0 ? null : a + b);
    }

    /** Whether some live rule may read {@code field}. */
    private boolean isRead(String field) {
        return readAnyField > 0 || readers.containsKey(field);
    }

    public int size() {
        return slotOf.size();
    }

    public Result match(Mention mention) {
        if (slotOf.isEmpty()) return NOTHING; // no rules, nothing to index
        MemoryIndex index = MentionFields.memoryIndex(mention, indexAnalyzer, reused, this::isRead);
        Set<String> keys;
        try {
            keys = presearcher.keys((LeafReader) index.createSearcher().getIndexReader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Run run = new Run(index, keys);
        presearcher.candidates(keys, slot -> run.test(slots[slot]));
        run.matched.sort(null);
        return new Result(run.matched, run.failures, run.candidates);
    }

    /** One mention's pass over its candidate rules; its searcher is made only if a rule needs Lucene. */
    private static final class Run {
        private final MemoryIndex index;
        private final Set<String> keys;
        private final List<String> matched = new ArrayList<>();
        private final List<Failure> failures = new ArrayList<>();
        private int candidates;
        private IndexSearcher searcher;
        private LeafReaderContext leaf;

        Run(MemoryIndex index, Set<String> keys) {
            this.index = index;
            this.keys = keys;
        }

        void test(CompiledRule rule) {
            candidates++;
            try {
                if (rule.terms() != null) {
                    if (rule.terms().test(keys)) matched.add(rule.id());
                    return;
                }
                if (searcher == null) {
                    searcher = index.createSearcher();
                    searcher.setQueryCache(null);
                    leaf = searcher.getIndexReader().leaves().get(0);
                }
                if (matches(rule)) matched.add(rule.id());
            } catch (IOException | RuntimeException e) {
                failures.add(new Failure(rule.id(), e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }

        /** Whether the one document matches, without scores. */
        private boolean matches(CompiledRule rule) throws IOException {
            Query query = rule.readsTerms() ? CompiledRule.rewrite(searcher, rule.query()) : rule.query();
            Scorer scorer = searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1f).scorer(leaf);
            return scorer != null && scorer.iterator().nextDoc() != DocIdSetIterator.NO_MORE_DOCS;
        }
    }

    /**
     * Where rule {@code ruleId} matches {@code mention}: each term or phrase of its query that the
     * mention has, with the words of its text or title it matched ({@code null} for other fields).
     * Empty when the rule does not match. For explaining a match, not for matching: it indexes the
     * mention again.
     */
    public List<Hit> explain(Mention mention, String ruleId) {
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

    /** Lets go of every rule. */
    @Override
    public void close() {
        for (String id : List.copyOf(slotOf.keySet())) delete(id);
    }
}
