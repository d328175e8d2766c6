package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.pipeline.kafka.EmbeddedKafka;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot demo}, run twice on one data directory: the second run resumes, nothing repeats. */
class DemoCommandTest {
    @TempDir
    Path dir;

    private int demo() {
        return Earshot.commandLine().execute("demo", "--for", "12s", "--rate", "400",
                "--data", dir.toString(), "--set", "kafka.embedded.port=0");
    }

    @Test
    void runsAndResumesFromItsCheckpointWithoutRepeatingMentions() throws Exception {
        assertThat(demo()).isZero();
        assertThat(LocalFlink.latestCheckpoint(dir.resolve("checkpoints").resolve("demo"))).isPresent();
        int first = enriched().size();
        assertThat(first).isGreaterThan(500);

        assertThat(demo()).isZero();
        List<Mention> all = enriched();
        assertThat(all.size()).isGreaterThan(first + 500);
        Map<String, Long> copies = all.stream().collect(Collectors.groupingBy(m -> m.id, Collectors.counting()));
        assertThat(copies.values()).allMatch(n -> n == 1);
        assertThat(all).allSatisfy(m -> assertThat(m.canonicalUrl).isNotNull());
    }

    private List<Mention> enriched() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            return new org.earshot.jobs.KafkaTestClient(kafka.settings())
                    .readAll(Topics.MENTIONS_ENRICHED, l -> false, Duration.ofSeconds(6), Duration.ZERO);
        }
    }
}
