package org.earshot.jobs;

import org.earshot.pipeline.testing.TestKafka;
import org.earshot.pipeline.testing.EarshotSchema;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.local.testing.TestClickHouse;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.local.demo.DemoMentions;
import org.earshot.schemas.FeedRecord;
import org.earshot.pipeline.validate.MentionParser;
import org.earshot.pipeline.validate.ParseResult;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once into ClickHouse: 100,000 generated mentions through the real broker, the Listen
 * job and the sink, with ClickHouse taken away for longer than the sink retries, so the job
 * fails and restarts from its checkpoint; every count in ClickHouse must still equal the input.
 */
class ListenClickHouseExactlyOnceTest {
    private static final int COUNT = 100_000;

    @TempDir
    Path dir;
    EmbeddedKafka kafka;
    TestClickHouse clickhouse;

    @BeforeEach
    void start() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        TopicAdmin.ensureTopics(TestKafka.settings(kafka), 1, Topics.all());
        clickhouse = TestClickHouse.start(dir.resolve("clickhouse"));
    }

    @AfterEach
    void stop() {
        clickhouse.close();
        kafka.close();
    }

    private long query(String sql) throws Exception {
        return clickhouse.queryLong(sql);
    }

    @Test
    void everyUniqueMentionIsStoredOnceThoughTheJobFailsAndRestartsFromItsCheckpoint() throws Exception {
        DemoMentions generator = new DemoMentions(23L, 0.02, 0.01, 1_767_225_600_000L);
        List<FeedRecord> records = IntStream.range(0, COUNT).mapToObj(generator::generate).toList();
        MentionNormalizer normalizer = new MentionNormalizer(100_000);
        Map<String, Mention> expected = new HashMap<>();
        for (FeedRecord r : records) {
            if (r.kind != FeedRecord.Kind.VALID) continue;
            expected.put(r.originalId, normalizer.normalize(((ParseResult.Parsed) MentionParser.parse(r.value, 0L)).mention()));
        }
        Map<String, Long> perNetwork = expected.values().stream().collect(Collectors.groupingBy(m -> m.network, Collectors.counting()));
        new KafkaTestClient(TestKafka.settings(kafka)).produce(Topics.MENTIONS, records);

        ClickHouseSinkOptions sink = EarshotSchema.sink(clickhouse).withBatchRows(5_000).withRetryTimeout(Duration.ofSeconds(2));
        Migrations.apply(sink);
        ListenOptions options = new ListenOptions(TestKafka.settings(kafka), "exactly-once", Duration.ofSeconds(1), Duration.ofHours(1),
                100_000, Duration.ofSeconds(30)).withClickHouse(sink);
        StreamExecutionEnvironment env = LocalFlink.environment(dir.resolve("checkpoints"), options.checkpointInterval(), 1, true);
        ListenJob.attach(env, options);
        JobClient job = env.executeAsync(ListenJob.NAME);
        try {
            awaitRows(20_000, Duration.ofMinutes(3));
            // ClickHouse goes away for three times the sink's retry budget: a commit fails for good,
            // the job fails and restarts from its last checkpoint, committing the same batches again.
            long before = query("SELECT count() FROM mentions");
            clickhouse.stop();
            Thread.sleep(6_000);
            clickhouse.startAgain();
            assertThat(before).as("killed mid-stream").isLessThan(expected.size());

            awaitRows(expected.size(), Duration.ofMinutes(5));
            Thread.sleep(3_000); // a few more checkpoints: nothing else may arrive

            assertThat(query("SELECT count() FROM mentions")).isEqualTo(expected.size());
            assertThat(query("SELECT uniqExact(id) FROM mentions")).isEqualTo(expected.size());
            assertThat(query("SELECT count() FROM (SELECT id FROM mentions GROUP BY id HAVING count() > 1)")).isZero();
            for (Map.Entry<String, Long> network : perNetwork.entrySet()) {
                assertThat(query("SELECT count() FROM mentions WHERE network = '" + network.getKey() + "'"))
                        .as("mentions from %s", network.getKey()).isEqualTo(network.getValue());
            }
            assertThat(query("SELECT sum(reach) FROM mentions"))
                    .isEqualTo(expected.values().stream().mapToLong(m -> m.reach == null ? 0 : m.reach).sum());
            Set<String> stored = new HashSet<>();
            try (Connection c = clickhouse.connect();
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM mentions")) {
                while (rs.next()) stored.add(rs.getString(1));
            }
            assertThat(stored.equals(expected.keySet())).as("the stored ids are exactly the unique valid ones").isTrue();
        } finally {
            LocalFlink.cancel(job, Duration.ofMinutes(1));
        }
    }

    private void awaitRows(long rows, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long now;
            try {
                now = query("SELECT count() FROM mentions");
            } catch (Exception | AssertionError e) {
                now = -1;
            }
            if (now >= rows) return;
            assertThat(System.nanoTime()).as("%,d rows in ClickHouse in time (now %,d)", rows, now).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
