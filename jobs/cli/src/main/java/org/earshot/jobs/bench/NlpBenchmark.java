package org.earshot.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.earshot.pipeline.nlp.LanguageDetection;
import org.earshot.pipeline.nlp.SocialTokens;
import org.earshot.pipeline.nlp.TextClassifier;

/**
 * Documents per second on one thread over a corpus: the tokenizer alone (the baseline every
 * model pays), language detection, sentiment and emotion, each on the same posts after a warm-up.
 */
public final class NlpBenchmark {
    private final Path corpus;
    private final int passes;
    private final PrintStream out;

    /** {@code passes} over the corpus for each stage; the fastest counts, since a pass is slowed by anything else the machine does. */
    public NlpBenchmark(Path corpus, int passes, PrintStream out) {
        if (passes < 1) throw new IllegalArgumentException("passes: at least 1, got " + passes);
        this.corpus = corpus;
        this.passes = passes;
        this.out = out;
    }

    /** Documents per second of each stage, and how long the models took to load. */
    public record Result(double tokenizer, double language, double sentiment, double emotion, double loadSeconds) {}

    public Result run() throws IOException {
        List<String> posts = Files.readAllLines(corpus, StandardCharsets.UTF_8);
        out.printf("%,d posts from %s, the fastest of %d passes for each stage%n", posts.size(), corpus, passes);
        long start = System.nanoTime();
        LanguageDetection language = new LanguageDetection();
        TextClassifier sentiment = TextClassifier.sentiment();
        TextClassifier emotion = TextClassifier.emotion();
        double load = (System.nanoTime() - start) / 1e9;
        return new Result(rate(posts, SocialTokens::of), rate(posts, p -> language.detect(p, null)),
                rate(posts, sentiment::classify), rate(posts, emotion::classify), load);
    }

    private double rate(List<String> posts, Consumer<String> stage) {
        for (String p : posts.subList(0, Math.min(5_000, posts.size()))) stage.accept(p); // warm-up
        double best = 0;
        for (int pass = 0; pass < passes; pass++) {
            long start = System.nanoTime();
            for (String p : posts) stage.accept(p);
            best = Math.max(best, posts.size() / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }
}
