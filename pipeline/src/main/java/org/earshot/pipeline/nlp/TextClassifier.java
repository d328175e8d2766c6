package org.earshot.pipeline.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.util.ext.ExtensionLoader;

/**
 * A trained sentiment or emotion model applied to posts. A post with nothing to read (no word,
 * emoji or emoticon: empty, only links or handles) or a best class below {@code minProbability}
 * gets the {@code fallback} class with probability 0, never a guess. Not thread-safe: one per
 * subtask; the shipped models are loaded once per JVM.
 */
public final class TextClassifier {
    /** Earshot's English sentiment model (negative, neutral, positive), trained as pipeline/README.md says. */
    public static final String SENTIMENT_EN = "/models/sentiment-en.bin";
    /** The languages with a shipped sentiment model ({@code /models/sentiment-<code>.bin}). */
    public static final Set<String> SENTIMENT_LANGUAGES = Set.of("en", "ar", "de", "es", "fr", "hi", "it", "pt");
    /** Earshot's English emotion model (anger, joy, optimism, sadness). */
    public static final String EMOTION_EN = "/models/emotion-en.bin";

    /** A class and the model's probability for it. */
    public record Label(String label, double probability) {}

    static {
        // OpenNLP instantiates a model's feature generators by the class names written in it, and
        // only from packages allowed here: a model file cannot make it load anything else.
        ExtensionLoader.registerAllowedPackage(SentimentFeatures.class.getPackageName());
    }

    private static final Map<String, Shipped> SHIPPED = new ConcurrentHashMap<>();

    private final DoccatModel model;
    private final DocumentCategorizerME categorizer;
    /** The model's parameters packed for speed, shared by every classifier of the model; null for kinds it does not read. */
    private final PackedModel packed;
    private final FeatureGenerator[] generators;
    private final PackedModel.Features features = new PackedModel.Features();
    private final String fallback;
    private final double minProbability;

    public TextClassifier(DoccatModel model, String fallback, double minProbability) {
        this(model, PackedModel.of(model.getMaxentModel()), fallback, minProbability);
    }

    private TextClassifier(DoccatModel model, Optional<PackedModel> packed, String fallback, double minProbability) {
        this.model = model;
        this.categorizer = new DocumentCategorizerME(model);
        this.packed = packed.orElse(null);
        this.generators = model.getFactory().getFeatureGenerators();
        this.fallback = fallback;
        this.minProbability = minProbability;
    }

    /** A model file written by {@code earshot train}. */
    public static TextClassifier load(Path file, String fallback, double minProbability) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new TextClassifier(new DoccatModel(in), fallback, minProbability);
        }
    }

    /** Sentiment with the shipped English model: neutral when there is nothing to read. */
    public static TextClassifier sentiment() {
        return sentiment("en").orElseThrow();
    }

    /** Sentiment with the shipped model for a language, if Earshot has one. */
    public static Optional<TextClassifier> sentiment(String language) {
        if (!SENTIMENT_LANGUAGES.contains(language)) return Optional.empty();
        return Optional.of(shipped("/models/sentiment-" + language + ".bin", "neutral", 0));
    }

    /** Emotion with the shipped English model: none when there is nothing to read or it is unsure. */
    public static TextClassifier emotion() {
        return shipped(EMOTION_EN, "none", 0.3); // barely above chance among four
    }

    /** A classifier of a shipped model: the model is read and packed once per JVM, and shared. */
    private static TextClassifier shipped(String resource, String fallback, double minProbability) {
        Shipped m = SHIPPED.computeIfAbsent(resource, r -> {
            try (InputStream in = TextClassifier.class.getResourceAsStream(r)) {
                if (in == null) throw new IllegalStateException("the model " + r + " is not on the classpath");
                DoccatModel model = new DoccatModel(in);
                return new Shipped(model, PackedModel.of(model.getMaxentModel()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the model " + r, e);
            }
        });
        return new TextClassifier(m.model(), m.packed(), fallback, minProbability);
    }

    private record Shipped(DoccatModel model, Optional<PackedModel> packed) {}

    /** The classes the model answers with, and the one it answers when unsure. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < categorizer.getNumberOfCategories(); i++) labels.add(categorizer.getCategory(i));
        if (!labels.contains(fallback)) labels.add(fallback);
        return labels;
    }

    public Label classify(String text) {
        return classifyTokens(SocialTokens.of(text));
    }

    /** Classifies a post already read into its {@link SocialTokens}, so that several models can share them. */
    public Label classifyTokens(String[] tokens) {
        if (!hasSomethingToRead(tokens)) return new Label(fallback, 0);
        double[] outcomes = probabilities(tokens);
        int best = 0;
        for (int i = 1; i < outcomes.length; i++) if (outcomes[i] > outcomes[best]) best = i;
        if (outcomes[best] < minProbability) return new Label(fallback, 0);
        return new Label(categorizer.getCategory(best), outcomes[best]);
    }

    /**
     * The model's probabilities for each class: the features every generator of the model finds, in the order
     * OpenNLP's categorizer takes them, summed and normalized as it does ({@link PackedModel}).
     */
    double[] probabilities(String[] tokens) {
        if (packed == null) return categorizer.categorize(tokens);
        double[] sums = packed.newSums();
        for (FeatureGenerator generator : generators) {
            if (generator instanceof HashedFeatures hashed) {
                hashed.hashes(tokens, features);
                packed.addAll(features, sums);
            }
            else for (String feature : generator.extractFeatures(tokens, Map.of())) packed.add(feature, sums);
        }
        return packed.probabilities(sums);
    }

    /** OpenNLP's own answer, for tests that hold {@link #probabilities} to it. */
    double[] categorize(String[] tokens) {
        return categorizer.categorize(tokens);
    }

    /** A feature of a post and how much it weighed toward a class. */
    public record Weight(String feature, double weight) {}

    /**
     * The features of {@code text} that weighed most toward {@code label}: each feature's weight for
     * the class, less its mean weight for the other classes, times how often the post has it
     * (a maximum-entropy model adds these up, per class, before normalizing). At most {@code n},
     * heaviest first; names as the feature generators write them ({@code w=} a word, {@code b=} a
     * word pair, {@code c=} characters, {@code lx=} a lexicon's reading).
     */
    public List<Weight> explain(String text, String label, int n) {
        if (!(model.getMaxentModel() instanceof AbstractModel maxent)) return List.of();
        int target = maxent.getIndex(label);
        if (target < 0) return List.of();
        String[] tokens = SocialTokens.of(text);
        Map<String, Integer> counts = new HashMap<>();
        for (FeatureGenerator generator : model.getFactory().getFeatureGenerators()) {
            for (String feature : generator.extractFeatures(tokens, Map.of())) counts.merge(feature, 1, Integer::sum);
        }
        @SuppressWarnings("unchecked")
        Map<String, Context> parameters =
                (Map<String, Context>) maxent.getDataStructures()[1];
        int classes = maxent.getNumOutcomes();
        List<Weight> weights = new ArrayList<>();
        counts.forEach((feature, count) -> {
            Context context = parameters.get(feature);
            if (context == null) return; // not seen often enough in training to have a weight
            double[] byClass = new double[classes];
            int[] outcomes = context.getOutcomes();
            for (int i = 0; i < outcomes.length; i++) byClass[outcomes[i]] = context.getParameters()[i];
            double others = 0;
            for (int c = 0; c < classes; c++) if (c != target) others += byClass[c];
            double weight = count * (byClass[target] - others / Math.max(1, classes - 1));
            if (weight > 0) weights.add(new Weight(feature, weight));
        });
        weights.sort(Comparator.comparingDouble(Weight::weight).reversed());
        return weights.subList(0, Math.min(n, weights.size()));
    }

    /** A word, an emoji or an emoticon: placeholders and punctuation alone say nothing. */
    private static boolean hasSomethingToRead(String[] tokens) {
        for (String t : tokens) {
            if (t.equals("<smile>") || t.equals("<sad>") || t.equals("<heart>")) return true;
            if (!t.startsWith("<") && !t.equals(".") && !t.equals("!") && !t.equals("?")) return true;
        }
        return false;
    }
}
