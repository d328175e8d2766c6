package org.earshot.pipeline.nlp;

import java.util.Arrays;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorContextGenerator;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * An OpenNLP language detector read through a {@link PackedModel}: OpenNLP's own features (its context generator's
 * character n-grams), each distinct one weighed by how often it occurs, as {@link LanguageDetectorME} does, but
 * without a map of n-gram strings to counts, a string per n-gram for the lookup, or a sort of every language by
 * probability. The sums come in another order than OpenNLP's (it follows its hash map's), so a probability may differ
 * from OpenNLP's in its last bits; the tests hold it to OpenNLP's on a corpus. Immutable and shared.
 */
final class PackedLanguageModel {
    private final LanguageDetectorContextGenerator context;
    private final PackedModel model;
    /** Each outcome's ISO 639-1 code ({@code und} for languages Earshot has no code for). */
    private final String[] codes;
    /** OpenNLP's own detector, for a model {@link PackedModel} does not read. */
    private final LanguageDetectorModel original;

    PackedLanguageModel(LanguageDetectorModel original) {
        this.original = original;
        this.context = original.getFactory().getContextGenerator();
        this.model = PackedModel.of(original.getMaxentModel()).orElse(null);
        this.codes = new String[model == null ? 0 : model.outcomes()];
        for (int o = 0; o < codes.length; o++) codes[o] = LanguageCodes.toIso6391(model.outcome(o));
    }

    /** A detector for one thread: OpenNLP's, when the model is not one {@link PackedModel} reads. */
    Reader reader() {
        return new Reader();
    }

    final class Reader {
        private final LanguageDetectorME fallback = model == null ? new LanguageDetectorME(original) : null;

        /** The most probable language among {@code allowed} (ISO 639-1) and its probability; null when none is allowed. */
        Language best(CharSequence text, java.util.Set<String> allowed) {
            if (fallback != null) {
                for (Language l : fallback.predictLanguages(text)) {
                    if (allowed.contains(LanguageCodes.toIso6391(l.getLang()))) return new Language(LanguageCodes.toIso6391(l.getLang()), l.getConfidence());
                }
                return null;
            }
            double[] p = probabilities(text);
            int best = -1;
            for (int o = 0; o < p.length; o++) {
                if (allowed.contains(codes[o]) && (best < 0 || p[o] > p[best])) best = o;
            }
            return best < 0 ? null : new Language(codes[best], p[best]);
        }

        /** The most probable language of all, as the model names it. */
        Language best(CharSequence text) {
            if (fallback != null) return fallback.predictLanguage(text);
            double[] p = probabilities(text);
            int best = 0;
            for (int o = 1; o < p.length; o++) if (p[o] > p[best]) best = o;
            return new Language(model.outcome(best), p[best]);
        }

        private double[] probabilities(CharSequence text) {
            CharSequence[] grams = context.getContext(text);
            int[] features = new int[grams.length];
            int n = 0;
            for (CharSequence g : grams) {
                int f = model.feature(PackedModel.hash(g));
                if (f >= 0) features[n++] = f;
            }
            Arrays.sort(features, 0, n); // equal features together: each distinct one is weighed by its count
            double[] sums = model.newSums();
            for (int i = 0; i < n; ) {
                int j = i;
                while (j < n && features[j] == features[i]) j++;
                model.add(features[i], j - i, sums);
                i = j;
            }
            return model.probabilities(sums);
        }
    }
}
