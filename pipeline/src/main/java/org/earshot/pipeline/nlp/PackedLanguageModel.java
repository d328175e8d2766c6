package org.earshot.pipeline.nlp;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.lang.reflect.Field;
import opennlp.tools.langdetect.DefaultLanguageDetectorContextGenerator;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorContextGenerator;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.util.StringUtil;
import opennlp.tools.util.normalizer.CharSequenceNormalizer;

/**
 * An OpenNLP language detector read through a {@link PackedModel}. Its features are OpenNLP's: the text through the
 * model's normalizers, lower-cased, and every distinct character n-gram of it, each once, as OpenNLP's
 * {@link DefaultLanguageDetectorContextGenerator} makes them, but as hashes of the characters: no map of n-gram
 * buffers, no string per n-gram, no sort of every language by probability, and the normalizers' patterns run only
 * where they can match ({@link GuardedNormalizer}). The sums come in another order than
 * OpenNLP's (it follows its hash map's), so a probability may differ from OpenNLP's in its last bits; the tests hold
 * it to OpenNLP's on a corpus. Immutable and shared; {@link #reader} gives each thread its own.
 */
final class PackedLanguageModel {
    /** Slots of the n-gram table a reader keeps (128 KB): enough for a text of up to about 1,600 characters. */
    private static final int KEPT_SEEN = 1 << 14;

    private final LanguageDetectorContextGenerator context;
    private final PackedModel model;
    /** Each outcome's ISO 639-1 code ({@code und} for languages Earshot has no code for). */
    private final String[] codes;
    /** OpenNLP's own detector, for a model {@link PackedModel} does not read. */
    private final LanguageDetectorModel original;
    /** The default context generator's settings, or a null normalizer for another generator (its own features are used). */
    private final CharSequenceNormalizer normalizer;
    private final int minLength;
    private final int maxLength;

    PackedLanguageModel(LanguageDetectorModel original) {
        this.original = original;
        this.context = original.getFactory().getContextGenerator();
        this.model = PackedModel.of(original.getMaxentModel()).orElse(null);
        this.codes = new String[model == null ? 0 : model.outcomes()];
        for (int o = 0; o < codes.length; o++) codes[o] = LanguageCodes.toIso6391(model.outcome(o));
        if (context.getClass() == DefaultLanguageDetectorContextGenerator.class) {
            normalizer = GuardedNormalizer.of((CharSequenceNormalizer) field(context, "normalizer"));
            minLength = (Integer) field(context, "minLength");
            maxLength = (Integer) field(context, "maxLength");
        } else {
            normalizer = null;
            minLength = maxLength = 0;
        }
    }

    /** A setting of OpenNLP's generator, which keeps them in protected fields. */
    static Object field(Object of, String name) {
        try {
            Field f = DefaultLanguageDetectorContextGenerator.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(of);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("OpenNLP's language context generator has no field " + name, e);
        }
    }

    /** A detector for one thread: OpenNLP's, when the model is not one {@link PackedModel} reads. */
    Reader reader() {
        return new Reader();
    }

    /**
     * What OpenNLP's {@link StringUtil#toLowerCaseCharBuffer} makes of {@code text}, char for char (each code point
     * lower-cased into a buffer as long as the text), without its stream of code points and a new array for each
     * character. One profile of the Listen job charged that stream 583 of 6,160 samples; the next one put them on the
     * normalizer's frames instead, so its own gain is not measured apart.
     */
    static char[] lowerCase(CharSequence text) {
        int n = text.length();
        char[] chars = new char[n];
        int at = 0;
        for (int i = 0; i < n; ) {
            char c = text.charAt(i);
            if (c < 0x80) { // ASCII, most of most posts: only A to Z change
                chars[at++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
                i++;
                continue;
            }
            int codePoint = Character.codePointAt(text, i);
            i += Character.charCount(codePoint);
            int lower = Character.toLowerCase(codePoint);
            if (at + Character.charCount(lower) > n) return StringUtil.toLowerCaseCharBuffer(text).array(); // OpenNLP's overflow, as it is
            at += Character.toChars(lower, chars, at);
        }
        return chars;
    }

    final class Reader {
        private final LanguageDetectorME fallback = model == null ? new LanguageDetectorME(original) : null;
        /** Which outcomes each set of allowed languages (the callers' constants) admits. */
        private final Map<Set<String>, boolean[]> masks = new IdentityHashMap<>();
        private final PackedModel.Features features = new PackedModel.Features();
        /**
         * The n-grams seen in the current text, kept from text to text: a new table for each was the Listen job's
         * largest single allocation (3.4 of 55 GB in one window); kept, the job allocated 5–6 KB a mention less. A
         * table for a text longer than {@link #KEPT_SEEN} allows is made for it alone.
         */
        private final long[] seen = new long[KEPT_SEEN];

        /** The most probable language among {@code allowed} (ISO 639-1) and its probability; null when none is allowed. */
        Language best(CharSequence text, Set<String> allowed) {
            if (fallback != null) {
                for (Language l : fallback.predictLanguages(text)) {
                    String code = LanguageCodes.toIso6391(l.getLang());
                    if (allowed.contains(code)) return new Language(code, l.getConfidence());
                }
                return null;
            }
            double[] sums = sums(text);
            boolean[] among = masks.computeIfAbsent(allowed, a -> {
                boolean[] mask = new boolean[codes.length];
                for (int o = 0; o < codes.length; o++) mask[o] = a.contains(codes[o]);
                return mask;
            });
            int best = model.best(sums, among);
            return best < 0 ? null : new Language(codes[best], model.probability(sums, best));
        }

        /** The most probable language of all, as the model names it. */
        Language best(CharSequence text) {
            if (fallback != null) return fallback.predictLanguage(text);
            double[] sums = sums(text);
            int best = model.best(sums, null);
            return new Language(model.outcome(best), model.probability(sums, best));
        }

        /** Each outcome's sum of the weights of the text's n-grams, before normalizing into probabilities. */
        private double[] sums(CharSequence text) {
            if (normalizer == null) return sumsOf(context.getContext(text));
            char[] chars = lowerCase(normalizer.normalize(text));
            int slots = Integer.highestOneBit(Math.max(8, chars.length * (maxLength - minLength + 1))) << 2;
            long[] table = slots <= seen.length ? seen : new long[slots];
            double[] sums = model.newSums();
            for (int n = minLength; n <= maxLength; n++) {
                for (int i = 0; i + n <= chars.length; i++) {
                    long hash = PackedModel.hash(chars, i, i + n);
                    if (firstTime(table, slots - 1, hash)) features.accept(hash); // each distinct n-gram counts once
                }
            }
            if (table == seen) Arrays.fill(table, 0, slots, 0L);
            model.addAll(features, sums);
            return sums;
        }

        /** Adds {@code hash} to the open-addressing set in {@code table}'s first {@code mask + 1} slots; whether it was new. */
        private static boolean firstTime(long[] table, int mask, long hash) {
            for (int slot = (int) (hash ^ (hash >>> 32)) & mask; ; slot = (slot + 1) & mask) {
                if (table[slot] == hash) return false;
                if (table[slot] == 0) {
                    table[slot] = hash;
                    return true;
                }
            }
        }

        /** The sums for the n-grams another context generator made, each distinct one weighed by its count. */
        private double[] sumsOf(CharSequence[] grams) {
            long[] features = new long[grams.length];
            int n = 0;
            for (CharSequence g : grams) {
                long f = model.feature(PackedModel.hash(g));
                if (f != PackedModel.ABSENT) features[n++] = f;
            }
            Arrays.sort(features, 0, n); // equal features together: each distinct one is weighed by its count
            double[] sums = model.newSums();
            for (int i = 0; i < n; ) {
                int j = i;
                while (j < n && features[j] == features[i]) j++;
                model.add(features[i], j - i, sums);
                i = j;
            }
            return sums;
        }
    }
}
