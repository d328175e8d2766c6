package org.earshot.jobs.training;

import org.earshot.pipeline.nlp.SocialTokens;
import org.earshot.pipeline.nlp.SentimentFeatures;
import org.earshot.pipeline.nlp.LexiconFeatures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.ObjectStream;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains a sentiment or emotion model: OpenNLP's maximum-entropy categorizer (quasi-Newton,
 * L2-regularized) over {@link SentimentFeatures}. Classes are balanced by repeating the smaller
 * ones, since the figures that matter (macro recall, macro-F1) weigh every class alike; the
 * examples are shuffled with a fixed seed, so a run is reproducible.
 *
 * @param iterations optimizer iterations
 * @param l2 the L2 penalty
 * @param cutoff features seen fewer times are dropped
 * @param seed the shuffle's seed
 * @param balance whether smaller classes are repeated up to the largest
 * @param lexicons whether the language's {@link LexiconFeatures} are added
 */
public record ClassifierTraining(int iterations, double l2, int cutoff, long seed, boolean balance, boolean lexicons) {
    public static ClassifierTraining defaults() {
        return new ClassifierTraining(150, 0.5, 2, 42L, true, false);
    }

    public ClassifierTraining withLexicons(boolean on) {
        return new ClassifierTraining(iterations, l2, cutoff, seed, balance, on);
    }

    /** The parameters as one line, for the training log. */
    public String describe() {
        return "algorithm MAXENT_QN, iterations " + iterations + ", L2 " + l2 + ", cutoff " + cutoff + ", seed " + seed
                + ", balanced classes " + balance + ", features " + SentimentFeatures.class.getSimpleName()
                + (lexicons ? " + " + LexiconFeatures.class.getSimpleName() + " (the language's lexicons)" : "");
    }

    /** Trains on the examples; {@code progress} hears how many examples were prepared. */
    public DoccatModel train(String language, List<LabelledText> examples, IntConsumer progress) throws IOException {
        List<DocumentSample> samples = new ArrayList<>();
        Map<String, List<DocumentSample>> byLabel = new LinkedHashMap<>();
        int n = 0;
        for (LabelledText example : examples) {
            DocumentSample sample = new DocumentSample(example.label(), SocialTokens.of(example.text()));
            byLabel.computeIfAbsent(example.label(), k -> new ArrayList<>()).add(sample);
            progress.accept(++n);
        }
        int largest = byLabel.values().stream().mapToInt(List::size).max().orElse(0);
        for (List<DocumentSample> group : byLabel.values()) {
            for (int i = 0; i < (balance ? largest : group.size()); i++) samples.add(group.get(i % group.size()));
        }
        Collections.shuffle(samples, new Random(seed));
        try (ObjectStream<DocumentSample> stream = ObjectStreamUtils.createObjectStream(samples)) {
            return DocumentCategorizerME.train(language, stream, parameters(iterations, l2, cutoff),
                    new DoccatFactory(lexicons ? new FeatureGenerator[] {new SentimentFeatures(), LexiconFeatures.forLanguage(language)}
                            : new FeatureGenerator[] {new SentimentFeatures()}));
        }
    }

    /** Maximum entropy by quasi-Newton with an L2 penalty, on one thread (so a run is reproducible). */
    static TrainingParameters parameters(int iterations, double l2, int cutoff) {
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT_QN");
        params.put(TrainingParameters.TRAINER_TYPE_PARAM, "Event");
        params.put(TrainingParameters.ITERATIONS_PARAM, iterations);
        params.put(TrainingParameters.CUTOFF_PARAM, cutoff);
        params.put("L2Cost", l2);
        params.put("L1Cost", 0.0);
        params.put("Threads", 1);
        return params;
    }

    /** How many examples of each class, for the training log. */
    public static String classCounts(List<LabelledText> examples) {
        return examples.stream().collect(Collectors.groupingBy(LabelledText::label, java.util.TreeMap::new, Collectors.counting())).toString();
    }
}
