package org.earshot.jobs.cli;

import org.earshot.pipeline.testing.TestKafka;
import org.earshot.jobs.KafkaArgs;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.earshot.jobs.KafkaTestClient;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.local.clickhouse.http.FrontOptions;
import org.earshot.local.demo.DemoMentions;
import org.earshot.local.testing.TestCertificate;
import org.earshot.local.testing.TestClickHouse;
import org.earshot.schemas.FeedRecord;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code earshot run listen} against an external Kafka named by kafka.bootstrap-servers and an
 * external ClickHouse named by clickhouse.url, reached as a production server is: over HTTPS,
 * trusting the server's certificate through the URL's {@code sslrootcert}, in a database of its own.
 */
class RunListenCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsTheListenJobAgainstTheConfiguredKafkaAndClickHouseAndKeepsItsCheckpoints() throws Exception {
        TestCertificate certificate = TestCertificate.create(dir);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("external-kafka"));
             TestClickHouse clickhouse = TestClickHouse.start(dir.resolve("external-clickhouse"),
                     FrontOptions.loopback(0, TestClickHouse.PASSWORD).withTls(certificate.tls()))) {
            clickhouse.engineQuery("CREATE DATABASE earshot");
            TopicAdmin.ensureTopics(TestKafka.settings(kafka), 1, Topics.all());
            KafkaTestClient client = new KafkaTestClient(TestKafka.settings(kafka));
            DemoMentions generator = new DemoMentions(5L, 0.0, 0.0, 1_767_225_600_000L);
            List<FeedRecord> records = IntStream.range(0, 1_000).mapToObj(generator::generate).toList();
            client.produce(Topics.MENTIONS, records);
            long unique = records.stream().map(r -> r.originalId).distinct().count();

            String url = clickhouse.jdbcUrl().replace("/default", "/earshot") + "?sslrootcert=" + certificate.certificate();
            List<String> external = new ArrayList<>(KafkaArgs.set(kafka));
            external.addAll(List.of("--set", "clickhouse.url=" + url, "--set", "clickhouse.password=" + TestClickHouse.PASSWORD));
            int exit = Earshot.commandLine().execute(concat(List.of("run", "listen", "--for", "10s", "--data", dir.resolve("data").toString(),
                    "--set", "listen.checkpoint-interval=1s"), external));

            assertThat(exit).isZero();
            assertThat(LocalFlink.latestCheckpoint(dir.resolve("data").resolve("checkpoints").resolve("listen"))).isPresent();
            assertThat(dir.resolve("data").resolve("kafka")).as("no embedded broker when Kafka is configured").doesNotExist();
            assertThat(dir.resolve("data").resolve("clickhouse")).as("no embedded engine when ClickHouse is configured").doesNotExist();
            List<Mention> enriched = client.readAll(Topics.MENTIONS_ENRICHED, l -> l.size() >= 1_000, Duration.ofSeconds(30), Duration.ZERO);
            assertThat(enriched).extracting(m -> m.id).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(records.stream().map(r -> r.originalId).toList());

            assertThat(clickhouse.engineQuery("SELECT count(), uniqExact(id) FROM earshot.mentions").strip()).isEqualTo(unique + "\t" + unique);
            assertThat(clickhouse.engineQuery("SELECT count() FROM system.tables WHERE database = 'default'").strip())
                    .as("nothing made in default").isEqualTo("0");
            List<String> sql = concatList(List.of("sql", "--data", dir.resolve("data").toString()), external);
            CapturedRun csv = CapturedRun.of(concat(sql, List.of("--format", "csv", "SELECT currentDatabase(), count() FROM mentions")));
            assertThat(csv.exit()).as(csv.err()).isZero();
            assertThat(csv.out().strip().lines()).containsExactly("\"currentDatabase()\",\"count()\"", "\"earshot\"," + unique);
            CapturedRun table = CapturedRun.of(concat(sql, List.of("SELECT uniqExact(id) AS unique_ids FROM mentions")));
            assertThat(table.exit()).as(table.err()).isZero();
            assertThat(table.out()).contains("unique_ids").contains(String.valueOf(unique));
        }
    }

    private static List<String> concatList(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }

    private static String[] concat(List<String> head, List<String> tail) {
        return concatList(head, tail).toArray(String[]::new);
    }
}
