package org.earshot.pipeline.nlp;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.ml.model.UniformPrior;

/**
 * An OpenNLP maximum-entropy model (GIS or quasi-Newton) packed for reading fast: the same parameters, summed in the
 * order the features come, with the same normalization, but found by a 64-bit hash of the feature's characters in
 * flat arrays. OpenNLP looks each feature up as a {@code String} in a hash map of {@code String} to {@code Context}
 * objects, a chain of half a dozen objects spread over the heap; on a model of a few hundred thousand features that
 * chase was half the time of scoring a post (measured with {@code earshot bench ingest}). Here a lookup reads one
 * array, and a feature need not be a {@code String} at all. Immutable: one per model, shared by every thread.
 */
final class PackedModel {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long EMPTY = 0;

    enum Kind { GIS, QUASI_NEWTON }

    private final Kind kind;
    private final String[] outcomes;
    /** The uniform prior's log probability (GIS starts every outcome's sum there). */
    private final double logPrior;
    /**
     * Open addressing, two longs a slot: a feature's hash, then where its parameters lie ({@link #span}), side by side so
     * that a lookup that finds its feature reads one cache line, not one in each of three arrays (the language model's
     * table is megabytes, and nearly every lookup misses the caches).
     */
    private final long[] table;
    /** Slots less one: the table holds a power of two of them. */
    private final int mask;
    /** A sparse span's parameters are {@code outcome[from..to)} and {@code weight[from..to)}, in OpenNLP's order. */
    private final int[] outcome;
    private final double[] weight;
    /**
     * The parameters of each feature that at least half the outcomes have, as a whole row: outcome {@code o}'s weight
     * at {@code from + o}, zero where it has none. The language model's common n-grams (a letter, a frequent pair) have
     * a weight for most of its hundred languages, and a post's 125 n-grams came to 12,000 weights, each added through
     * the outcome it belongs to; a row is added in one pass the processor vectorizes (the general model's sums, on the
     * corpus on one thread: 15.2 µs a post before, 11.5 after), and rows take less room than the outcome indexes they
     * spare (the model's arrays: 23.7 MB before, 23.0 after). Adding zero changes no sum, and each outcome still
     * receives its weights in the features' order, so the sums are the same to the bit.
     */
    private final double[] rows;

    private PackedModel(Kind kind, String[] outcomes, Map<String, Context> parameters) {
        this.kind = kind;
        this.outcomes = outcomes;
        UniformPrior prior = new UniformPrior();
        prior.setLabels(outcomes, new String[0]);
        double[] uniform = new double[outcomes.length];
        prior.logPrior(uniform, (int[]) null, null);
        this.logPrior = outcomes.length == 0 ? 0 : uniform[0];
        int n = parameters.size();
        int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
        table = new long[2 * capacity];
        mask = capacity - 1;
        int sparse = 0;
        int whole = 0;
        for (Context c : parameters.values()) {
            if (asRow(c)) whole++;
            else sparse += c.getOutcomes().length;
        }
        outcome = new int[sparse];
        weight = new double[sparse];
        rows = new double[whole * outcomes.length];
        int at = 0;
        int row = 0;
        for (Map.Entry<String, Context> e : parameters.entrySet()) {
            long hash = hash(e.getKey());
            int slot = (int) (hash ^ (hash >>> 32)) & mask;
            while (table[2 * slot] != EMPTY) {
                if (table[2 * slot] == hash) throw new IllegalStateException("two features of one model share a hash: " + e.getKey());
                slot = (slot + 1) & mask;
            }
            int[] os = e.getValue().getOutcomes();
            double[] ws = e.getValue().getParameters();
            table[2 * slot] = hash;
            if (asRow(e.getValue())) {
                for (int i = 0; i < os.length; i++) rows[row + os[i]] = ws[i];
                table[2 * slot + 1] = ROW | row;
                row += outcomes.length;
            } else {
                System.arraycopy(os, 0, outcome, at, os.length);
                System.arraycopy(ws, 0, weight, at, ws.length);
                table[2 * slot + 1] = span(at, at + os.length);
                at += os.length;
            }
        }
    }

    /** Whether a feature's parameters are kept as a whole row ({@link #rows}): when at least half the outcomes have one. */
    private boolean asRow(Context c) {
        return 2 * c.getOutcomes().length >= outcomes.length;
    }

    /** Marks a feature kept as a row; the rest of the long is where the row starts. Spans never set it. */
    private static final long ROW = 1L << 62;

    /** Parameters {@code from..to} as one long: a feature found is where its parameters lie. */
    private static long span(int from, int to) {
        return (long) from << 32 | to;
    }

    /** The packed model, or empty for a kind it does not read (the caller keeps OpenNLP's own evaluation). */
    static Optional<PackedModel> of(MaxentModel model) {
        if (!(model instanceof AbstractModel m)) return Optional.empty();
        Kind kind = switch (m.getModelType()) {
            case Maxent -> Kind.GIS;
            case MaxentQn -> Kind.QUASI_NEWTON;
            default -> null;
        };
        if (kind == null) return Optional.empty();
        Object[] data = m.getDataStructures();
        @SuppressWarnings("unchecked")
        Map<String, Context> parameters = (Map<String, Context>) data[1];
        return Optional.of(new PackedModel(kind, (String[]) data[2], parameters));
    }

    int outcomes() {
        return outcomes.length;
    }

    String outcome(int i) {
        return outcomes[i];
    }

    /** A new sum for one evaluation: where OpenNLP starts it (the prior for GIS, zero for quasi-Newton). */
    double[] newSums() {
        double[] sums = new double[outcomes.length];
        if (kind == Kind.GIS) Arrays.fill(sums, logPrior);
        return sums;
    }

    /** The feature's parameters ({@link #span}: distinct for distinct features), or {@link #ABSENT} when it has none. */
    long feature(long hash) {
        for (int slot = (int) (hash ^ (hash >>> 32)) & mask; table[2 * slot] != EMPTY; slot = (slot + 1) & mask) {
            if (table[2 * slot] == hash) return table[2 * slot + 1];
        }
        return ABSENT;
    }

    /** What {@link #feature} returns for a feature the model has no parameters for. */
    static final long ABSENT = -1;

    /** Adds the parameters of {@code feature} (a {@link #feature} found), {@code times} over, to {@code sums}, as OpenNLP does. */
    void add(long feature, double times, double[] sums) {
        if ((feature & ROW) != 0) {
            for (int o = 0, from = (int) feature; o < sums.length; o++) sums[o] += rows[from + o] * times;
        } else {
            for (int i = (int) (feature >>> 32), to = (int) feature; i < to; i++) sums[outcome[i]] += weight[i] * times;
        }
    }

    /**
     * Adds the parameters of each feature of {@code features} (by {@link #hash}), once per time it is listed, in its
     * order, so the sums are the same as one {@link #addFeature} after another. All are looked up before any is
     * added: the lookups are reads at random across megabytes, mostly cache misses, and a loop of lookups alone lets
     * the processor wait for several at once, where a lookup between hashing and adding waited on its own.
     */
    void addAll(Features features, double[] sums) {
        long[] found = features.hashes;
        int n = features.size;
        for (int i = 0; i < n; i++) found[i] = feature(found[i]); // in place: each hash becomes its span, or ABSENT
        for (int i = 0; i < n; i++) if (found[i] != ABSENT) add(found[i], 1.0, sums);
        features.size = 0; // spent: what is left are spans, not hashes
    }

    /** The {@link #hash}es of one text's features, gathered for {@link #addAll}; one per thread, reused. */
    static final class Features implements LongConsumer {
        private long[] hashes = new long[256];
        private int size;

        @Override
        public void accept(long hash) {
            if (size == hashes.length) hashes = Arrays.copyOf(hashes, size * 2);
            hashes[size++] = hash;
        }
    }

    /** Adds the parameters of the feature named {@code name}, once, if the model has any. */
    void add(CharSequence name, double[] sums) {
        addFeature(hash(name), sums);
    }

    /** Adds the parameters of the feature whose name has {@link #hash} {@code hash}, once, if the model has any. */
    void addFeature(long hash, double[] sums) {
        long f = feature(hash);
        if (f != ABSENT) add(f, 1.0, sums);
    }

    /**
     * The sums as probabilities, in place, with OpenNLP's normalization for the kind: GIS exponentiates and divides by
     * the total, quasi-Newton subtracts the log of the sum of exponentials (both with {@link StrictMath}, as OpenNLP).
     */
    double[] probabilities(double[] sums) {
        if (kind == Kind.GIS) {
            double total = 0;
            for (int o = 0; o < sums.length; o++) {
                sums[o] = StrictMath.exp(sums[o]);
                total += sums[o];
            }
            for (int o = 0; o < sums.length; o++) sums[o] /= total;
            return sums;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double s : sums) max = Math.max(max, s);
        double sum = 0;
        for (double s : sums) if (s != Double.NEGATIVE_INFINITY) sum += StrictMath.exp(s - max);
        double logSum = max + StrictMath.log(sum);
        for (int o = 0; o < sums.length; o++) sums[o] = StrictMath.exp(sums[o] - logSum);
        return sums;
    }

    /**
     * Below the largest sum by more than this, an outcome's share of the normalizing sum is under e^-40 (4e-18):
     * leaving it out moves a probability by less than 1e-15, so it is not exponentiated at all.
     */
    private static final double NEGLIGIBLE = 40;

    /**
     * The most probable outcome among {@code among} (every outcome when null), -1 when none is: exponentiating keeps
     * the sums' order, so it is the largest sum, found without computing any probability.
     */
    int best(double[] sums, boolean[] among) {
        int best = -1;
        for (int o = 0; o < sums.length; o++) {
            if ((among == null || among[o]) && (best < 0 || sums[o] > sums[best])) best = o;
        }
        return best;
    }

    /**
     * Outcome {@code o}'s probability, within 1e-12 of what {@link #probabilities} gives it, at a fraction of the cost:
     * both of OpenNLP's normalizations are the softmax of the sums, and only the sums near the largest are worth
     * exponentiating, with {@link Math#exp} (within an ulp of {@link StrictMath#exp}, and many times faster here).
     * Picking one language of a hundred, the probabilities of all took a tenth of the Listen job's CPU.
     */
    double probability(double[] sums, int o) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : sums) max = Math.max(max, s);
        if (max == Double.NEGATIVE_INFINITY) return probabilities(sums.clone())[o];
        double total = 0;
        for (double s : sums) if (s > max - NEGLIGIBLE) total += Math.exp(s - max);
        return Math.exp(sums[o] - max) / total;
    }

    /** Where a hash starts: {@link #hash} of a text is {@link #finish} of {@link #mix}ing its pieces in from here. */
    static final long START = FNV_OFFSET;

    /** FNV-1a over the UTF-16 characters, never {@link #EMPTY}. */
    static long hash(CharSequence s) {
        return finish(mix(START, s));
    }

    /** The hash of {@code chars[from..to)}, as {@link #hash(CharSequence)} of them. */
    static long hash(char[] chars, int from, int to) {
        long h = START;
        for (int i = from; i < to; i++) h = mix(h, chars[i]);
        return finish(h);
    }

    /** Hash {@code h} with the characters of {@code s} after it. */
    static long mix(long h, CharSequence s) {
        for (int i = 0; i < s.length(); i++) h = mix(h, s.charAt(i));
        return h;
    }

    static long mix(long h, char c) {
        return (h ^ c) * FNV_PRIME;
    }

    /** A finished hash, never {@link #EMPTY}. */
    static long finish(long h) {
        return h == EMPTY ? 1 : h;
    }
}
