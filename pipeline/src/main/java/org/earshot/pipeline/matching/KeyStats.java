package org.earshot.pipeline.matching;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.earshot.pipeline.query.MentionFields;

/**
 * How often keys occur in mentions, which decides what a rule is filed under: a rule filed under
 * a rare key is a candidate for few mentions. Until enough mentions were seen, priors stand in (a
 * language or network is common, a short wildcard prefix more so, a long word rare); then the
 * share of the first mentions holding each key. Counting stops after a sample so the vocabulary
 * cannot grow without bound.
 */
final class KeyStats {
    /** Mentions seen before observed frequencies replace the priors. */
    static final int WARM = 2_000;
    /** Mentions counted in all. */
    static final int SAMPLE = 20_000;

    private final Map<String, int[]> counts = new HashMap<>();
    private int mentions;

    /** Counts a mention's keys; true when the estimates just changed enough to re-file the rules. */
    boolean observe(Set<String> keys) {
        if (mentions >= SAMPLE) return false;
        mentions++;
        for (String key : keys) counts.computeIfAbsent(key, k -> new int[1])[0]++;
        return mentions == WARM || mentions == SAMPLE;
    }

    /** The estimated share of mentions that hold the key. */
    double frequency(String key) {
        if (mentions < WARM) return prior(key);
        int[] seen = counts.get(key);
        if (seen != null) return seen[0] / (double) mentions;
        // Wildcard prefixes are counted only for lengths rules used while counting: no count is no news.
        if (RequiredTerms.isPrefixKey(key)) return prior(key);
        return 0.5 / mentions; // a word never seen: rarer than anything seen once
    }

    /** Which of the sets selects the fewest mentions (at least one key of the set must be present). */
    int cheapest(String[][] sets) {
        int best = 0;
        double bestCost = Double.MAX_VALUE;
        for (int i = 0; i < sets.length; i++) {
            double cost = 1e-9 * sets[i].length; // fewer keys first when nothing else tells them apart
            for (String key : sets[i]) cost += frequency(key);
            if (cost < bestCost) {
                bestCost = cost;
                best = i;
            }
        }
        return best;
    }

    private static double prior(String key) {
        int length = RequiredTerms.tokenLength(key);
        if (RequiredTerms.isPrefixKey(key)) return length <= 2 ? 0.5 : length == 3 ? 0.2 : length == 4 ? 0.05 : 0.02;
        if (MentionFields.isKeywordField(RequiredTerms.fieldOf(key))) return 0.2;
        return length <= 2 ? 0.05 : length == 3 ? 0.02 : 0.005;
    }
}
