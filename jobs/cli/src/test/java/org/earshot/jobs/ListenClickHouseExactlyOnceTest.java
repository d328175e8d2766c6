package org.earshot.jobs;

import org.earshot.pipeline.testing.EarshotClickHouse;
import org.earshot.pipeline.testing.EarshotKafka;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
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
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.local.demo.DemoMentions;
import org.earshot.schemas.FeedRecord;
import org.earshot.pipeline.validate.MentionParser;
import org.earshot.pipeline.validate.ParseResult;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once into ClickHouse: 100,000 generated mentions through the real broker, the Listen
 * job and the sink, with ClickHouse taken away for longer than the sink retries, so the job
 * fails and restarts from its checkpoint (the test sees it restarting); with merges off, every count in
 * ClickHouse must still equal the input.
 */
class ListenClickHouseExactlyOnceTest {
    private static final int COUNT = 100_000;

    @TempDir
    Path dir;
    @RegisterExtension
    final EarshotKafka kafka = new EarshotKafka();
    /** Merges off where duplicates are counted: a row stored twice stays two rows. */
    @RegisterExtension
    final EarshotClickHouse clickhouse = new EarshotClickHouse().keepingEveryRow("mentions", "mention_rules");

    private long query(String sql) throws Exception {
        return clickhouse.server().queryLong(sql);
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
        new KafkaTestClient(kafka.settings()).produce(Topics.MENTIONS, records);

        ClickHouseSinkOptions sink = clickhouse.sink().withBatchRows(5_000).withRetryTimeout(Duration.ofSeconds(2));
        Migrations.apply(sink);
        ListenOptions options = new ListenOptions(kafka.settings(), "exactly-once", Duration.ofSeconds(1), Duration.ofHours(1),
                100_000, Duration.ofSeconds(30)).withClickHouse(sink);
        StreamExecutionEnvironment env = LocalFlink.environment(dir.resolve("checkpoints"), options.checkpointInterval(), 1, true);
        ListenJob.attach(env, options);
        JobClient job = env.executeAsync(ListenJob.NAME);
        try {
            awaitRows(20_000, Duration.ofMinutes(3));
            // ClickHouse goes away until a commit has failed for good and the job is restarting from its last
            // checkpoint; then the restarted job commits the same batches again.
            long before = query("SELECT count() FROM mentions");
            clickhouse.server().stop();
            JobStatus seen = awaitStatus(job, Duration.ofMinutes(2), JobStatus.RESTARTING, JobStatus.FAILING);
            clickhouse.server().startAgain();
            assertThat(seen).as("the job failed and restarts").isIn(JobStatus.RESTARTING, JobStatus.FAILING);
            assertThat(before).as("killed mid-stream").isLessThan(expected.size());

            awaitRows(expected.size(), Duration.ofMinutes(5));
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            Checkpoints.awaitMore(dir.resolve("checkpoints"), 2, Duration.ofMinutes(1)); // two more commits: nothing else may arrive

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
            try (Connection c = clickhouse.server().connect();
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM mentions")) {
                while (rs.next()) stored.add(rs.getString(1));
            }
            assertThat(stored.equals(expected.keySet())).as("the stored ids are exactly the unique valid ones").isTrue();
        } finally {
            LocalFlink.cancel(job, Duration.ofMinutes(1));
        }
    }

    /** Polls the job until it is in one of {@code wanted}, which it returns; fails at the deadline. */
    private static JobStatus awaitStatus(JobClient job, Duration timeout, JobStatus... wanted) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobStatus now = job.getJobStatus().get();
            if (List.of(wanted).contains(now)) return now;
            assertThat(System.nanoTime()).as("the job reaches %s in time (now %s)", List.of(wanted), now).isLessThan(deadline);
            Thread.sleep(10);
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
