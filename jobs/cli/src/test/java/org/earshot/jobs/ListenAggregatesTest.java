package org.earshot.jobs;

import org.earshot.pipeline.search.MentionDocument;
import org.earshot.pipeline.search.MentionIndex;
import org.earshot.pipeline.search.MentionIndexer;
import org.earshot.pipeline.testing.EarshotClickHouse;
import org.earshot.pipeline.testing.EarshotKafka;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.schemas.FeedRecord;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.schemas.Author;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Rule;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-rule minute windows against real Kafka and ClickHouse: out-of-order mentions, a mention
 * late within the allowed lateness, one later than that, and a restart from the checkpoint in
 * between must still give exactly the per-minute counts, reach and unique authors of the input.
 */
class ListenAggregatesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path dir;
    @RegisterExtension
    final EarshotKafka kafka = new EarshotKafka();
    /** Merges off where duplicates are counted: a row stored twice stays two rows. */
    @RegisterExtension
    final EarshotClickHouse clickhouse = new EarshotClickHouse().keepingEveryRow("mentions", "mention_rules");
    private KafkaTestClient client;
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Mention> counted = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        client = new KafkaTestClient(kafka.settings());
    }

    private static int indexed(MentionIndex index, String id) throws Exception {
        return index.search(s -> s.count(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(MentionDocument.ID, id))));
    }

    private JobClient startListen(boolean fresh) throws Exception {
        ClickHouseSinkOptions sink = clickhouse.sink().withRetryTimeout(Duration.ofSeconds(10));
        Migrations.apply(sink);
        ListenOptions options = new ListenOptions(kafka.settings(), "aggregates", Duration.ofMillis(500), Duration.ofHours(1),
                100_000, Duration.ofSeconds(5)).withAllowedLateness(Duration.ofMinutes(3)).withClickHouse(sink);
        StreamExecutionEnvironment env = LocalFlink.environment(dir.resolve("checkpoints"), options.checkpointInterval(), 1, fresh);
        ListenJob.attach(env, options);
        return env.executeAsync(ListenJob.NAME);
    }

    @Test
    void lateAndOutOfOrderMentionsGiveExactMinuteCountsAcrossARestart() throws Exception {
        RulesTopic rules = new RulesTopic(kafka.settings());
        rules.put(new Rule("acme", "acme", null, Instant.now()));
        rules.put(new Rule("rocket", "rocket", null, Instant.now()));
        JobClient first = startListen(true);
        try {
            awaitRulesLive();
            // The watermark trails the newest mention by 5 s: 10:01:05 closes minute 10:00, so
            // 10:00:30 arrives after its window fired and corrects it; 10:03:40 closes 10:02.
            send(at(10), "ann", 100, "acme is great");
            send(at(50), "bob", 200, "acme rocket launch");
            send(at(65), "cy", 300, "rocket science");
            send(at(30), "ann", 400, "acme again, out of order");
            send(at(140), "dee", 500, "acme minute two");
            send(at(220), "ed", 600, "acme minute three");
            awaitMinutes(6, Duration.ofMinutes(2));
            Checkpoints.awaitMore(dir.resolve("checkpoints"), 2, Duration.ofMinutes(1)); // the rows are committed
        } finally {
            LocalFlink.cancel(first, Duration.ofMinutes(1));
        }

        // While the job is down: a mention for minute 10:01, whose window is restored from the
        // checkpoint; then time moves past every allowed lateness, and a mention for 10:00 comes
        // too late for any window.
        send(at(75), "bob", 700, "rocket from the past");
        send(at(250), "fay", 800, "acme minute four");
        send(at(540), "gus", 900, "acme rocket nine");
        send(at(40), "hal", 1_000, "acme far too late");
        sendUncounted(at(900), "nothing to see"); // moves the watermark past 10:09
        JobClient second = startListen(false);
        try {
            Map<String, long[]> expected = expectedCells();
            long total = expected.values().stream().mapToLong(v -> v[0]).sum();
            awaitMinutes(total, Duration.ofMinutes(2));
            Checkpoints.awaitMore(dir.resolve("checkpoints"), 3, Duration.ofMinutes(1)); // nothing may be counted twice
            assertThat(storedCells()).isEqualTo(toStrings(expected));
            assertThat(count("SELECT count() FROM mention_rules WHERE published_at >= '2026-01-01 10:00:00'")).isEqualTo(total);
            // Each emotion's count per rule equals the matches whose mention carries that emotion.
            for (String emotion : org.earshot.pipeline.aggregate.Emotions.LABELS) {
                assertThat(count("SELECT sum(" + emotion + ") FROM rule_minute WHERE minute >= '2026-01-01 10:00:00'")).as(emotion)
                        .isEqualTo(count("SELECT count() FROM mention_rules WHERE published_at >= '2026-01-01 10:00:00' "
                                + "AND mention_id IN (SELECT id FROM mentions WHERE emotion = '" + emotion + "')"));
            }
            assertThat(count("SELECT sum(anger + joy + optimism + sadness) FROM rule_minute WHERE minute >= '2026-01-01 10:00:00'"))
                    .as("some of these mentions carry an emotion").isPositive();
            long acmeMentions = counted.stream().filter(m -> m.text.contains("acme")).count();
            assertThat(count("SELECT sum(count) FROM rule_hour_terms WHERE rule_id = 'acme' AND hour = '2026-01-01 10:00:00' "
                    + "AND kind = 'term' AND term = 'acme'")).isEqualTo(acmeMentions);

            // A post deleted on its network (a tombstone on the topic) leaves mentions and
            // mention_rules a checkpoint later; the minute counts keep it.
            Mention gone = counted.get(0);
            long stored = count("SELECT count() FROM mentions WHERE published_at >= '2026-01-01 10:00:00'");
            sendTombstone(gone.id);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (stored(gone.id) > 0) { // mentions first, then mention_rules
                assertThat(System.nanoTime()).as("the deleted mention leaves ClickHouse in time").isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(count("SELECT count() FROM mentions WHERE published_at >= '2026-01-01 10:00:00'")).isEqualTo(stored - 1);
            assertThat(storedCells()).isEqualTo(toStrings(expected));

            // A post deleted at once: its mention and its deletion fall in the same checkpoint,
            // and the deletion must still come after the insert. (After every minute checked above.)
            String brief = sendUncounted(at(960), "acme said and withdrawn at once");
            sendTombstone(brief);
            String after = sendUncounted(at(961), "acme after the withdrawal");
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count("SELECT count() FROM mention_rules WHERE mention_id = '" + after + "'") == 0) {
                assertThat(System.nanoTime()).as("the next mention reaches ClickHouse in time").isLessThan(deadline);
                Thread.sleep(200);
            }
            // A deletion waits one more checkpoint, which may take a while on a busy machine; had it
            // run before the insert, the mention would stay for good.
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (stored(brief) > 0) {
                assertThat(System.nanoTime()).as("the mention deleted at once leaves ClickHouse in time").isLessThan(deadline);
                Thread.sleep(200);
            }

            // The enriched topic carries both deletions as tombstones after their mentions: an index fed from it
            // (as the search index is) holds neither deleted mention and does hold the next one.
            Checkpoints.awaitMore(dir.resolve("checkpoints"), 3, Duration.ofMinutes(1));
            try (MentionIndex index = MentionIndex.open(dir.resolve("search-index"))) {
                new MentionIndexer(kafka.settings(), index, Duration.ofMillis(100), Duration.ofSeconds(1), null).catchUp();
                assertThat(indexed(index, gone.id)).as("deleted later").isZero();
                assertThat(indexed(index, brief)).as("deleted at once").isZero();
                assertThat(indexed(index, after)).isEqualTo(1);
            }

            // An edit (Mastodon's status.update: same id, a later editedAt) replaces the stored
            // mention; its match and the minute counts keep what was first said.
            Mention said = mention(at(970), "acme is fine");
            client.produceRecords(Topics.MENTIONS, List.of(said));
            Mention edited = mention(at(970), "acme is a disaster");
            edited.id = said.id;
            edited.url = said.url;
            edited.editedAt = at(990);
            client.produceRecords(Topics.MENTIONS, List.of(edited));
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count("SELECT countIf(text = 'acme is a disaster') FROM mentions FINAL WHERE id = '" + said.id + "'") == 0) {
                assertThat(System.nanoTime()).as("the edit reaches ClickHouse in time").isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(count("SELECT count() FROM mentions FINAL WHERE id = '" + said.id + "'")).isEqualTo(1);
            assertThat(count("SELECT count() FROM mention_rules WHERE mention_id = '" + said.id + "'")).isEqualTo(1);
        } finally {
            LocalFlink.cancel(second, Duration.ofMinutes(1));
        }
    }

    /** Rule id × minute → mentions, reach, unique authors, from the mentions sent. */
    private Map<String, long[]> expectedCells() {
        Map<String, List<Mention>> byCell = new TreeMap<>();
        for (Mention m : counted) {
            for (String rule : List.of("acme", "rocket")) {
                if (!m.text.contains(rule)) continue;
                String minute = m.publishedAt.truncatedTo(ChronoUnit.MINUTES).toString().replace("T", " ").replace("Z", "");
                byCell.computeIfAbsent(rule + " " + minute, k -> new ArrayList<>()).add(m);
            }
        }
        Map<String, long[]> cells = new TreeMap<>();
        byCell.forEach((cell, ms) -> cells.put(cell, new long[] {ms.size(), ms.stream().mapToLong(m -> m.reach).sum(),
                ms.stream().map(m -> m.author.handle).distinct().count()}));
        return cells;
    }

    private static Map<String, String> toStrings(Map<String, long[]> cells) {
        Map<String, String> out = new TreeMap<>();
        cells.forEach((k, v) -> out.put(k, v[0] + " mentions, reach " + v[1] + ", " + v[2] + " authors"));
        return out;
    }

    private Map<String, String> storedCells() throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = clickhouse.server().connect();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT rule_id, toString(minute), sum(mentions), sum(reach), uniqMerge(unique_authors) "
                     + "FROM rule_minute WHERE minute >= '2026-01-01 10:00:00' GROUP BY rule_id, minute")) {
            while (rs.next()) {
                out.put(rs.getString(1) + " " + rs.getString(2),
                        rs.getLong(3) + " mentions, reach " + rs.getLong(4) + ", " + rs.getLong(5) + " authors");
            }
        }
        return out;
    }

    private long count(String sql) throws Exception {
        try (Connection c = clickhouse.server().connect();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private void awaitMinutes(long mentions, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String sql = "SELECT sum(mentions) FROM rule_minute WHERE minute >= '2026-01-01 10:00:00'";
        while (count(sql) < mentions) {
            assertThat(System.nanoTime()).as("%d matches counted in rule_minute in time (now %d)", mentions, count(sql))
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Probes from long ago (counted apart from the test's minutes) until both rules match. */
    private void awaitRulesLive() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String id = sendUncounted(Instant.parse("2000-01-01T00:00:00Z"), "acme rocket probe");
            List<Mention> out = client.readAll(Topics.MENTIONS_ENRICHED, l -> l.stream().anyMatch(m -> m.id.equals(id)),
                    Duration.ofSeconds(30), Duration.ZERO);
            if (out.stream().anyMatch(m -> m.id.equals(id) && m.ruleIds.equals(List.of("acme", "rocket")))) return;
            assertThat(System.nanoTime()).as("rules live in time").isLessThan(deadline);
        }
    }

    private static Instant at(int secondsAfterTen) {
        return T0.plusSeconds(secondsAfterTen);
    }

    private void send(Instant publishedAt, String author, long reach, String text) {
        Mention m = mention(publishedAt, text);
        m.author = new Author();
        m.author.handle = author;
        m.reach = reach;
        counted.add(m);
        client.produceRecords(Topics.MENTIONS, List.of(m));
    }

    /** A deletion as the sources write it: the mention's id as key, no value. */
    /** Rows of one mention in mentions and mention_rules. */
    private long stored(String mentionId) throws Exception {
        return count("SELECT count() FROM mentions WHERE id = '" + mentionId + "'")
                + count("SELECT count() FROM mention_rules WHERE mention_id = '" + mentionId + "'");
    }

    private void sendTombstone(String id) {
        FeedRecord tombstone = new FeedRecord();
        tombstone.key = id;
        client.produce(Topics.MENTIONS, List.of(tombstone));
    }

    private String sendUncounted(Instant publishedAt, String text) {
        Mention m = mention(publishedAt, text);
        client.produceRecords(Topics.MENTIONS, List.of(m));
        return m.id;
    }

    private Mention mention(Instant publishedAt, String text) {
        Mention m = new Mention();
        m.id = "test:" + ids.incrementAndGet();
        m.network = "mastodon";
        m.lang = "en";
        m.url = "https://social.example/@x/" + ids.get();
        m.text = text;
        m.publishedAt = publishedAt;
        return m;
    }
}
