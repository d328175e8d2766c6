package org.earshot.jobs.cli;

import org.earshot.pipeline.testing.TestKafka;
import org.earshot.jobs.KafkaArgs;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.earshot.jobs.KafkaTestClient;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.local.demo.DemoMentions;
import org.earshot.schemas.FeedRecord;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot run listen} against an external Kafka named by kafka.bootstrap-servers. */
class RunListenCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsTheListenJobAgainstTheConfiguredKafkaAndKeepsItsCheckpoints() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("external-kafka"))) {
            TopicAdmin.ensureTopics(TestKafka.settings(kafka), 1, Topics.all());
            KafkaTestClient client = new KafkaTestClient(TestKafka.settings(kafka));
            DemoMentions generator = new DemoMentions(5L, 0.0, 0.0, 1_767_225_600_000L);
            List<FeedRecord> records = IntStream.range(0, 1_000).mapToObj(generator::generate).toList();
            client.produce(Topics.MENTIONS, records);

            List<String> args = new java.util.ArrayList<>(List.of("run", "listen", "--for", "10s", "--data", dir.resolve("data").toString(),
                    "--set", "listen.checkpoint-interval=1s"));
            args.addAll(KafkaArgs.set(kafka));
            int exit = Earshot.commandLine().execute(args.toArray(String[]::new));

            assertThat(exit).isZero();
            assertThat(LocalFlink.latestCheckpoint(dir.resolve("data").resolve("checkpoints").resolve("listen"))).isPresent();
            assertThat(dir.resolve("data").resolve("kafka")).as("no embedded broker when Kafka is configured").doesNotExist();
            List<Mention> enriched = client.readAll(Topics.MENTIONS_ENRICHED, l -> l.size() >= 1_000, Duration.ofSeconds(30), Duration.ZERO);
            assertThat(enriched).extracting(m -> m.id).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(records.stream().map(r -> r.originalId).toList());
        }
    }
}
