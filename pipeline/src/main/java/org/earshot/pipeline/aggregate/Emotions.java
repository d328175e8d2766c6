package org.earshot.pipeline.aggregate;

/** The emotions counted in the per-rule aggregates, in the order of their columns; none is not counted. */
public final class Emotions {
    public static final String[] LABELS = {"anger", "joy", "optimism", "sadness"};

    private Emotions() {}

    /** The label's position in {@link #LABELS}, or -1 (none, unknown). */
    static int index(String label) {
        if (label == null) return -1;
        for (int i = 0; i < LABELS.length; i++) if (LABELS[i].equals(label)) return i;
        return -1;
    }

    /** Counts with one more of {@code label}. */
    static long[] count(long[] counts, String label) {
        long[] out = counts == null ? new long[LABELS.length] : counts;
        int i = index(label);
        if (i >= 0) out[i]++;
        return out;
    }

    /** {@code a} plus {@code b}, either possibly null (state written before emotions were counted). */
    static long[] plus(long[] a, long[] b) {
        long[] out = new long[LABELS.length];
        for (int i = 0; i < out.length; i++) out[i] = at(a, i) + at(b, i);
        return out;
    }

    static long at(long[] counts, int i) {
        return counts == null || counts.length <= i ? 0 : counts[i];
    }
}
