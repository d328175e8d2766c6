package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot train} then {@code earshot evaluate --model}: a user's own labelled posts, end to end. */
class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainsOnJsonLinesAndEvaluatesTheModel() throws Exception {
        List<String> lines = new ArrayList<>();
        String[] good = {"love it", "great service", "amazing phone", "so happy with it", "best purchase ever"};
        String[] bad = {"hate it", "terrible service", "awful phone", "so angry with it", "worst purchase ever"};
        for (int i = 0; i < 20; i++) {
            lines.add("{\"text\":\"" + good[i % 5] + " " + i + "\",\"label\":\"positive\"}");
            lines.add("{\"text\":\"" + bad[i % 5] + " " + i + "\",\"label\":\"negative\"}");
        }
        Path data = dir.resolve("mine.jsonl");
        Files.write(data, lines, StandardCharsets.UTF_8);
        Path model = dir.resolve("models/mine.bin");

        CapturedRun trained = CapturedRun.of("train", "sentiment", "--data", data.toString(), "--out", model.toString(), "--iterations", "30");
        assertThat(trained.exit()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("from 40 posts {negative=20, positive=20}", "iterations 30", "seed 42", "model written to");
        assertThat(model).isRegularFile();

        CapturedRun evaluated = CapturedRun.of("evaluate", "sentiment", "--data", data.toString(), "--model", model.toString());
        assertThat(evaluated.exit()).as(evaluated.err()).isZero();
        assertThat(evaluated.out().lines().toList()).contains("documents: 40", "accuracy: 1.000");

        CapturedRun wrong = CapturedRun.of("train", "sarcasm", "--data", data.toString(), "--out", model.toString());
        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.err()).contains("TASK is sentiment, emotion or language, not sarcasm");
    }
}
