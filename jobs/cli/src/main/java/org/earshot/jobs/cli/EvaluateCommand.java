package org.earshot.jobs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import org.earshot.jobs.console.Progress;
import org.earshot.jobs.console.Text;
import org.earshot.jobs.training.Evaluation;
import org.earshot.jobs.training.LabelledData;
import org.earshot.jobs.training.LabelledText;
import org.earshot.pipeline.nlp.LanguageDetection;
import org.earshot.pipeline.nlp.PostReader;
import org.earshot.pipeline.nlp.TextClassifier;
import org.earshot.pipeline.text.Spelling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code earshot evaluate}: how well Earshot's language detection does on labelled posts. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure a classifier on labelled posts: one figure per line with its name, per-class figures, the confusion matrix.",
        subcommands = {EvaluateCommand.Language.class, EvaluateCommand.Sentiment.class, EvaluateCommand.Emotion.class})
final class EvaluateCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /**
     * Runs {@code predict} over the posts with a progress bar, and prints the figures, then
     * documents per second, the loading time, and the first {@code errors} posts it got wrong.
     */
    static int evaluate(String name, List<LabelledText> posts, Function<String, String> predict, double loadSeconds, int errors) {
        Evaluation evaluation = new Evaluation(posts.stream().map(LabelledText::label).distinct().toList());
        List<String> wrong = new ArrayList<>();
        long start = System.nanoTime();
        try (ProgressBar bar = Progress.bar(name, posts.size())) {
            for (LabelledText post : posts) {
                String predicted = predict.apply(post.text());
                evaluation.add(post.label(), predicted);
                if (!predicted.equals(post.label()) && wrong.size() < errors) {
                    wrong.add("expected " + post.label() + ", got " + predicted + ": " + Text.cell(post.text(), 0));
                }
                bar.step();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        evaluation.print(System.out);
        System.out.printf(Locale.ROOT, "documents per second: %.0f%n", posts.size() / seconds);
        System.out.printf(Locale.ROOT, "model loading seconds: %.2f%n", loadSeconds);
        if (!wrong.isEmpty()) {
            System.out.println("posts it got wrong (the first " + wrong.size() + "):");
            wrong.forEach(w -> System.out.println("  " + w));
        }
        return 0;
    }

    /** Seconds {@code load} takes. */
    static <T> T timed(Supplier<T> load, double[] seconds) {
        long start = System.nanoTime();
        T loaded = load.get();
        seconds[0] = (System.nanoTime() - start) / 1e9;
        return loaded;
    }

    /**
     * The posts with the model's own labels: numbers read as TweetEval numbers them (all labels
     * numeric, or none), and any other label refused naming those the model knows, so a misspelt
     * class is not measured as a class of its own.
     */
    static List<LabelledText> withModelLabels(List<LabelledText> posts, List<String> known, List<String> numbered) {
        boolean numeric = !posts.isEmpty() && posts.stream().allMatch(p -> p.label().matches("\\d+"));
        List<LabelledText> out = new ArrayList<>(posts.size());
        Map<String, Long> unknown = new TreeMap<>();
        for (LabelledText p : posts) {
            String label = p.label().strip();
            if (numeric) {
                int n = Integer.parseInt(label);
                if (n >= numbered.size()) throw new IllegalArgumentException("label " + n + " has no meaning here: numeric labels are read as TweetEval numbers them, "
                        + numberedText(numbered));
                label = numbered.get(n);
            }
            if (!known.contains(label)) unknown.merge(label, 1L, Long::sum);
            out.add(new LabelledText(label, p.text()));
        }
        if (!unknown.isEmpty()) {
            String first = unknown.keySet().iterator().next();
            throw new IllegalArgumentException("the data has labels the model does not know: " + unknown
                    + Spelling.closest(first, known).map(c -> " ('" + first + "': did you mean " + c + "?)").orElse("")
                    + "; its labels are " + String.join(", ", known.stream().sorted().toList()) + " (or numbers, " + numberedText(numbered) + ")");
        }
        return out;
    }

    private static String numberedText(List<String> numbered) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < numbered.size(); i++) out.append(i == 0 ? "" : ", ").append(i).append(" ").append(numbered.get(i));
        return out.toString();
    }

    /** What a trained model classifies: its name, its answer when unsure, and the model Earshot ships. */
    enum Task {
        SENTIMENT("sentiment", "neutral", TextClassifier::sentiment, List.of("negative", "neutral", "positive")),
        EMOTION("emotion", "none", TextClassifier::emotion, List.of("anger", "joy", "optimism", "sadness"));

        final String label;
        final String fallback;
        final Supplier<TextClassifier> shipped;
        /** What TweetEval's numeric labels stand for. */
        final List<String> numbered;

        Task(String label, String fallback, Supplier<TextClassifier> shipped, List<String> numbered) {
            this.label = label;
            this.fallback = fallback;
            this.shipped = shipped;
            this.numbered = numbered;
        }
    }

    /** A trained sentiment or emotion model against labelled posts. */
    abstract static class ModelEvaluation implements Callable<Integer> {
        private final Task task;

        @Option(names = "--data", required = true, paramLabel = "PATH",
                description = "Labelled posts: SemEval TSV, a TweetEval …_text.txt, or JSON lines {\"text\",\"label\"}.")
        Path data;

        @Option(names = "--model", paramLabel = "MODEL", description = "A model written by earshot train (default: the shipped English model).")
        Path model;

        @Option(names = "--errors", defaultValue = "0", paramLabel = "N", description = "Also print the first N posts it got wrong, with both labels.")
        int errors;

        ModelEvaluation(Task task) {
            this.task = task;
        }

        @Override
        public Integer call() throws Exception {
            double[] loadSeconds = {0};
            TextClassifier classifier = timed(this::classifier, loadSeconds);
            List<LabelledText> posts = withModelLabels(LabelledData.read(data, "val"), classifier.labels(), task.numbered);
            if (task == Task.EMOTION) { // as the Listen job answers: none where the sentiment model is sure a post is neutral
                TextClassifier sentiment = TextClassifier.sentiment();
                return evaluate(task.label, posts, text -> PostReader.emotionGiven(sentiment.classify(text), classifier.classify(text)).label(),
                        loadSeconds[0], errors);
            }
            return evaluate(task.label, posts, text -> classifier.classify(text).label(), loadSeconds[0], errors);
        }

        private TextClassifier classifier() {
            if (model == null) return task.shipped.get();
            try {
                return TextClassifier.load(model, task.fallback, 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the model " + model, e);
            }
        }
    }

    @Command(name = "sentiment", mixinStandardHelpOptions = true, description = "A sentiment model against labelled posts.")
    static final class Sentiment extends ModelEvaluation {
        Sentiment() {
            super(Task.SENTIMENT);
        }
    }

    @Command(name = "emotion", mixinStandardHelpOptions = true, description = "An emotion model against labelled posts.")
    static final class Emotion extends ModelEvaluation {
        Emotion() {
            super(Task.EMOTION);
        }
    }

    @Command(name = "language", mixinStandardHelpOptions = true,
            description = {"Language detection against labelled posts: 'lang<TAB>text' lines (ISO 639-1 codes), or a "
                                   + "folder of language folders as XLM-T ships them (e.g. ../shared/data/sentiment/xlm-t, language "
                                   + "= the folder)."})
    static final class Language implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "PATH", description = "The labelled posts.")
        Path data;

        @Option(names = "--split", defaultValue = "val", paramLabel = "SPLIT",
                description = "For a folder of language folders: train or val (default: ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--errors", defaultValue = "0", paramLabel = "N", description = "Also print the first N posts it got wrong, with both labels.")
        int errors;

        @Override
        public Integer call() throws Exception {
            double[] loadSeconds = {0};
            LanguageDetection detection = timed(() -> {
                LanguageDetection d = new LanguageDetection();
                d.detect("warm up the model", null); // the models load on first use
                return d;
            }, loadSeconds);
            return evaluate("language", LabelledData.read(data, split), text -> detection.detect(text, null).code(), loadSeconds[0], errors);
        }
    }
}
