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
    private final PrintStream out;

    public NlpBenchmark(Path corpus, PrintStream out) {
        this.corpus = corpus;
        this.out = out;
    }

    /** Documents per second of each stage, and how long the models took to load. */
    public record Result(double tokenizer, double language, double sentiment, double emotion, double loadSeconds) {}

    public Result run() throws IOException {
        List<String> posts = Files.readAllLines(corpus, StandardCharsets.UTF_8);
        out.printf("%,d posts from %s%n", posts.size(), corpus);
        long start = System.nanoTime();
        LanguageDetection language = new LanguageDetection();
        TextClassifier sentiment = TextClassifier.sentiment();
        TextClassifier emotion = TextClassifier.emotion();
        double load = (System.nanoTime() - start) / 1e9;
        return new Result(rate(posts, SocialTokens::of), rate(posts, p -> language.detect(p, null)),
                rate(posts, sentiment::classify), rate(posts, emotion::classify), load);
    }

    private static double rate(List<String> posts, Consumer<String> stage) {
        for (String p : posts.subList(0, Math.min(5_000, posts.size()))) stage.accept(p); // warm-up
        long start = System.nanoTime();
        for (String p : posts) stage.accept(p);
        return posts.size() / ((System.nanoTime() - start) / 1e9);
    }
}
