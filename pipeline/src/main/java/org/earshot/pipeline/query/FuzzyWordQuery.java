package org.earshot.pipeline.query;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.index.FilteredTermsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BoostAttribute;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * A {@link FuzzyQuery} that, on a field of few terms, measures each term against the word instead of building
 * Levenshtein automata. Lucene builds them for every search, which pays on a large index but not in the matcher, which
 * runs each rule against one mention's couple of dozen terms: there, building the automata of {@code acme~2} took
 * about a millisecond per mention against a couple of microseconds for measuring the terms (corpus tweets, this
 * machine). Keeping the automata instead would cost 30–170 kB per rule. Which terms match, and their boosts (closer
 * words score higher when searching), are Lucene's: the same prefix kept exact and the same distance, where swapping
 * two neighbouring letters is one edit and a swapped pair is not edited again (optimal string alignment).
 */
final class FuzzyWordQuery extends FuzzyQuery {
    /** A field with at most this many distinct terms has them measured one by one; beyond, Lucene's automata. */
    static final long MEASURED_TERMS = 1_000;

    private final BytesRef prefix;
    /** The prefix's length in code points. */
    private final int kept;
    private final int[] rest;
    /** The word's length in code points, which a boost is measured against. */
    private final int length;

    FuzzyWordQuery(Term term, int maxEdits, int prefixLength, int maxExpansions) {
        super(term, maxEdits, prefixLength, maxExpansions, true);
        int[] word = term.text().codePoints().toArray();
        this.kept = Math.min(prefixLength, word.length);
        this.prefix = new BytesRef(new String(word, 0, kept));
        this.rest = Arrays.copyOfRange(word, kept, word.length);
        this.length = word.length;
    }

    @Override
    protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws IOException {
        long size = terms.size();
        if (getMaxEdits() == 0 || size < 0 || size > MEASURED_TERMS) return super.getTermsEnum(terms, atts);
        return new FilteredTermsEnum(terms.iterator()) {
            private final BoostAttribute boost = attributes().addAttribute(BoostAttribute.class);

            {
                setInitialSeekTerm(prefix);
            }

            @Override
            protected AcceptStatus accept(BytesRef found) {
                if (!StringHelper.startsWith(found, prefix)) return AcceptStatus.END; // terms are sorted: no more with the prefix
                int[] term = found.utf8ToString().codePoints().toArray();
                int edits = edits(Arrays.copyOfRange(term, kept, term.length), rest, getMaxEdits());
                if (edits > getMaxEdits()) return AcceptStatus.NO;
                boost.setBoost(boost(term.length, edits));
                return AcceptStatus.YES;
            }
        };
    }

    /** As Lucene's fuzzy terms enumeration boosts a term: 1 when exact, else 1 − edits / the shorter length. */
    private float boost(int termLength, int edits) {
        if (edits == 0) return 1f;
        return 1f - (float) edits / (float) Math.min(termLength, length);
    }

    /**
     * The optimal string alignment distance between {@code a} and {@code b}: insertions, deletions, substitutions and
     * swaps of neighbours, each one edit, no part edited twice. Stops early with {@code max + 1} once it is beyond
     * {@code max}.
     */
    static int edits(int[] a, int[] b, int max) {
        if (Math.abs(a.length - b.length) > max) return max + 1;
        int[] before = new int[b.length + 1];
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) previous[j] = j;
        for (int i = 1; i <= a.length; i++) {
            current[0] = i;
            int best = i;
            for (int j = 1; j <= b.length; j++) {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = Math.min(d, before[j - 2] + 1);
                current[j] = d;
                best = Math.min(best, d);
            }
            if (best > max) return max + 1; // every alignment is already too far
            int[] spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        return Math.min(previous[b.length], max + 1);
    }
}
