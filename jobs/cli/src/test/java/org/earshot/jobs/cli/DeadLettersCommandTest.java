package org.earshot.jobs.cli;

import org.earshot.pipeline.testing.TestKafka;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.earshot.jobs.KafkaArgs;
import org.earshot.jobs.KafkaTestClient;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot deadletters} against a real broker: the newest refusals with their reasons, filtered. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DeadLettersCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheNewestRefusalsWithTheirReasonsFilteredBySourceOrStage() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            TopicAdmin.ensureTopics(TestKafka.settings(kafka), 1, Topics.all());
            List<DeadLetter> letters = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                letters.add(new DeadLetter(("payload " + i + " \u001b[2J").getBytes(StandardCharsets.UTF_8), Topics.MENTIONS.name(), 0, i,
                        i % 3 == 0 ? "validate" : "parse", "reason number " + i, Instant.parse("2026-12-01T10:00:00Z").plusSeconds(i)));
            }
            letters.add(new DeadLetter("<rss>".getBytes(StandardCharsets.UTF_8), "rss:https://blog.example/feed", 0, -1, "ingest",
                    "malformed XML", Instant.parse("2026-12-01T11:00:00Z")));
            new KafkaTestClient(TestKafka.settings(kafka)).produceRecords(Topics.DEAD_LETTERS, letters);

            CapturedRun all = run(kafka, "deadletters");
            assertThat(all.exit()).as(all.err()).isZero();
            assertThat(all.out().lines().toList()).hasSize(20).last().asString().contains("ingest").contains("malformed XML");
            assertThat(all.out()).doesNotContain("\u001b");
            assertThat(all.err()).contains("31 dead letters (the newest 20 shown");

            CapturedRun validate = run(kafka, "deadletters", "--source", "validate", "--limit", "100");
            assertThat(validate.out().lines().toList()).hasSize(10).allSatisfy(l -> assertThat(l).contains("validate"));
            CapturedRun feed = run(kafka, "deadletters", "--source", "blog.example", "--json");
            assertThat(feed.out().lines().toList()).singleElement().asString().contains("\"reason\":\"malformed XML\"");
        }
    }

    private CapturedRun run(EmbeddedKafka kafka, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(KafkaArgs.set(kafka));
        all.addAll(List.of("--data", dir.resolve("data").toString()));
        return CapturedRun.of(all.toArray(String[]::new));
    }
}
