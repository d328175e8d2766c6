package org.earshot.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.earshot.pipeline.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shipped models over a slice of the corpus: every stage is timed over the passes asked for. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NlpBenchmarkTest {
    @Test
    void timesEveryStageOverThePassesAskedFor(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("posts.txt");
        Files.write(corpus, Files.readAllLines(SharedData.path("corpus/tweeteval-emoji/tweets.txt")).subList(0, 2_000));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        NlpBenchmark.Result r = new NlpBenchmark(corpus, 3, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        assertThat(r.tokenizer()).isPositive();
        assertThat(r.language()).isPositive();
        assertThat(r.sentiment()).isPositive();
        assertThat(r.emotion()).isPositive();
        assertThat(r.loadSeconds()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("2,000 posts", "the fastest of 3 passes");
    }

    @Test
    void refusesNoPassAtAll(@TempDir Path dir) {
        assertThatThrownBy(() -> new NlpBenchmark(dir.resolve("posts.txt"), 0, System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("passes: at least 1");
    }
}
