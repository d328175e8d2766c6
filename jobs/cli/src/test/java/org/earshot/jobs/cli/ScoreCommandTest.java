package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.earshot.schemas.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot score}: one post read as the Listen job reads it, and why. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ScoreCommandTest {
    @TempDir
    Path dir;

    @Test
    void explainsLanguageSentimentEmotionAndTheRulesWithTheWordsThatMatched() throws Exception {
        Path rules = dir.resolve("rules.tsv");
        Files.writeString(rules, "aurora\taurora OR \"aurora phone\"\nnimbus\tnimbus\n", StandardCharsets.UTF_8);
        CapturedRun r = CapturedRun.of("score", "the aurora-phone crashed again, so angry", "--rules", rules.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).contains("post:      the aurora-phone crashed again, so angry");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("language:  en (confidence "));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("sentiment: negative (probability "));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("emotion:   anger (probability "));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("           weighed most: ").contains("angr"));
        assertThat(lines).contains("rules:     aurora (aurora): \"aurora\", \"aurora-phone\"");
        assertThat(r.out()).doesNotContain("nimbus");
    }

    @Test
    void scoresAFileOfPostsAsJsonLines() throws Exception {
        Path rules = dir.resolve("rules.tsv");
        Files.writeString(rules, "aurora\taurora\n", StandardCharsets.UTF_8);
        Path posts = dir.resolve("posts.txt");
        Files.writeString(posts, "Aurora's new update fixed my wifi issues, thanks!\n\nDer Kundenservice ist eine Katastrophe, das Telefon geht nicht\n",
                StandardCharsets.UTF_8);
        CapturedRun r = CapturedRun.of("score", "--file", posts.toString(), "--rules", rules.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> scored = r.out().lines().map(l -> {
            try {
                return Json.mapper().readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(scored).hasSize(2);
        assertThat(scored.get(0).path("rules").get(0).path("matched").get(0).path("words").asText()).isEqualTo("Aurora's");
        assertThat(scored.get(0).path("language").path("settledBy").asText()).isNotBlank();
        assertThat(scored.get(1).path("language").path("code").asText()).isEqualTo("de");
        assertThat(scored.get(1).path("emotion").path("label").asText()).as("emotion is read in English only").isEqualTo("none");
        assertThat(scored.get(1).path("rules")).isEmpty();
    }

    @Test
    void needsATextOrAFile() {
        assertThat(CapturedRun.of("score").exit()).isEqualTo(2);
    }
}
