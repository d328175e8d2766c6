package org.earshot.jobs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import org.earshot.pipeline.nlp.Evaluation;
import org.earshot.pipeline.nlp.LabelledData;
import org.earshot.pipeline.nlp.LabelledText;
import org.earshot.pipeline.nlp.LanguageDetection;
import org.earshot.pipeline.nlp.TextClassifier;
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
     * Runs {@code predict} (made by {@code load}, which is timed) over the posts with a progress
     * bar, and prints the figures, then documents per second and the loading time.
     */
    static int evaluate(String name, List<LabelledText> posts, Supplier<Function<String, String>> load) {
        long loading = System.nanoTime();
        Function<String, String> predict = load.get();
        double loadSeconds = (System.nanoTime() - loading) / 1e9;
        Evaluation evaluation = new Evaluation(posts.stream().map(LabelledText::label).distinct().toList());
        long start = System.nanoTime();
        try (ProgressBar bar = new ProgressBar(name, posts.size())) {
            for (LabelledText post : posts) {
                evaluation.add(post.label(), predict.apply(post.text()));
                bar.step();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        evaluation.print(System.out);
        System.out.printf(Locale.ROOT, "documents per second: %.0f%n", posts.size() / seconds);
        System.out.printf(Locale.ROOT, "model loading seconds: %.2f%n", loadSeconds);
        return 0;
    }

    /** What a trained model classifies: its name, its answer when unsure, and the model Earshot ships. */
    enum Task {
        SENTIMENT("sentiment", "neutral", TextClassifier::sentiment),
        EMOTION("emotion", "none", TextClassifier::emotion);

        final String label;
        final String fallback;
        final Supplier<TextClassifier> shipped;

        Task(String label, String fallback, Supplier<TextClassifier> shipped) {
            this.label = label;
            this.fallback = fallback;
            this.shipped = shipped;
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

        ModelEvaluation(Task task) {
            this.task = task;
        }

        @Override
        public Integer call() throws Exception {
            List<LabelledText> posts = LabelledData.read(data, "val");
            return evaluate(task.label, posts, () -> {
                TextClassifier classifier = classifier();
                return text -> classifier.classify(text).label();
            });
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
            description = {"Language detection against labelled posts: 'lang<TAB>text' lines (ISO 639-1 codes), or a folder of",
                    "language folders as XLM-T ships them (e.g. ../shared/data/sentiment/xlm-t, language = the folder)."})
    static final class Language implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "PATH", description = "The labelled posts.")
        Path data;

        @Option(names = "--split", defaultValue = "val", paramLabel = "SPLIT",
                description = "For a folder of language folders: train or val (default: ${DEFAULT-VALUE}).")
        String split;

        @Override
        public Integer call() throws Exception {
            return evaluate("language", LabelledData.read(data, split), () -> {
                LanguageDetection detection = new LanguageDetection();
                detection.detect("warm up the model", null); // the models load on first use
                return text -> detection.detect(text, null).code();
            });
        }
    }
}
