package org.earshot.jobs.training;

import org.earshot.pipeline.nlp.LanguageDetection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorFactory;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.langdetect.LanguageSample;
import opennlp.tools.util.ObjectStream;
import opennlp.tools.util.ObjectStreamUtils;

/**
 * Trains Earshot's second-opinion language model on tweets labelled by language (XLM-T's train
 * split): OpenNLP's language detector (character n-grams, maximum entropy, quasi-Newton), on the
 * same letters {@link LanguageDetection} shows the general model. Shuffled with a fixed seed.
 */
public final class LanguageTraining {
    public static final String DESCRIPTION = "algorithm MAXENT_QN, iterations 100, L2 0.5, cutoff 2, seed 42, character n-grams";

    private LanguageTraining() {}

    public static LanguageDetectorModel train(List<LabelledText> examples) throws IOException {
        List<LanguageSample> samples = new ArrayList<>();
        for (LabelledText example : examples) {
            String letters = LanguageDetection.lettersOf(example.text());
            if (!letters.isBlank()) samples.add(new LanguageSample(new Language(example.label()), letters));
        }
        Collections.shuffle(samples, new Random(42L));
        try (ObjectStream<LanguageSample> stream = ObjectStreamUtils.createObjectStream(samples)) {
            return LanguageDetectorME.train(stream, ClassifierTraining.parameters(100, 0.5, 2), new LanguageDetectorFactory());
        }
    }
}
