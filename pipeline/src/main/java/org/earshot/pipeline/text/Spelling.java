package org.earshot.pipeline.text;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user probably meant: the closest of the names something could have been (a field, a
 * column, a setting, a label), for "did you mean …?" in an error.
 */
public final class Spelling {
    /** More edits than this and a suggestion is a guess, not a correction. */
    static final int MAX_EDITS = 2;

    private Spelling() {}

    /** The candidate within two edits (case aside) of {@code word}, the closest first; empty when none is. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .filter(c -> distance(c.toLowerCase(Locale.ROOT), w) <= MAX_EDITS)
                .min(Comparator.comparingInt(c -> distance(c.toLowerCase(Locale.ROOT), w)));
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours, each 1. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
