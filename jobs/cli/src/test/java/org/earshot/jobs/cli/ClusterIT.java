package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.earshot.jobs.KafkaTestClient;
import org.earshot.jobs.Migrations;
import org.earshot.jobs.cluster.FlinkRest;
import org.earshot.jobs.cluster.LocalCluster;
import org.earshot.local.demo.DemoMentions;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.schemas.FeedRecord;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Listen job from the cluster jar on a real cluster of processes, all through the command line: {@code earshot
 * cluster up} (a JobManager and two TaskManagers, three brokers, a ClickHouse server), {@code earshot submit listen}.
 * While mentions stream in, a TaskManager that runs the job is killed with SIGKILL (the job must restart from its
 * checkpoint), then a broker (writes go on with two in sync), then the ClickHouse server is killed and started again
 * (the sink retries). Then {@code earshot upgrade listen} stops the job with a savepoint and starts it again from it.
 * With merges off, ClickHouse must hold every unique valid mention exactly once, and the enriched topic, read committed,
 * each once too.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClusterIT {
    private static final Path JOB_JAR = Path.of("../flink/target/earshot-jobs-flink.jar");
    private static final int PHASE = 1_000;

    @TempDir
    static Path data;
    static LocalCluster cluster;

    @BeforeAll
    static void up() {
        CapturedRun up = CapturedRun.of("cluster", "up", "--data", data.toString(), "--timeout", "4min");
        cluster = LocalCluster.in(data);
        assertThat(up.exit()).as(up.err()).isZero();
        assertThat(up.out().lines().findFirst()).as("the JobManager's address comes first").contains(cluster.jobManager());
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster == null) return;
        CapturedRun down = CapturedRun.of("cluster", "down", "--data", data.toString());
        assertThat(down.out()).contains("Stopped").contains("jobmanager");
        assertThat(cluster.status().values()).as("nothing runs after down").allMatch(java.util.Optional::isEmpty);
        // The processes' logs outlive the temporary folder, for a failure to be read.
        Path kept = Path.of("target/cluster-logs");
        org.apache.commons.io.FileUtils.deleteDirectory(kept.toFile());
        org.apache.commons.io.FileUtils.copyDirectory(cluster.root().resolve("logs").toFile(), kept.toFile());
    }

    @Test
    void aKilledTaskManagerBrokerAndClickHouseLoseNothingAndRepeatNothing() throws Exception {
        CapturedRun status = CapturedRun.of("cluster", "status", "--data", data.toString());
        assertThat(status.exit()).as(status.out()).isZero();
        assertThat(status.out()).contains("2 TaskManagers").doesNotContain("stopped");
        ClickHouseSinkOptions clickhouse = ClickHouseSinkOptions.of(cluster.clickhouseUrl(), cluster.clickhousePassword());
        Migrations.apply(clickhouse);
        keepEveryRow(clickhouse, "mentions", "mention_rules");

        DemoMentions generator = new DemoMentions(29L, 0.02, 0.01, 1_767_225_600_000L);
        List<FeedRecord> records = IntStream.range(0, 4 * PHASE).mapToObj(generator::generate).toList();
        Set<String> expected = records.stream().filter(r -> r.kind == FeedRecord.Kind.VALID).map(r -> r.originalId).collect(Collectors.toCollection(java.util.HashSet::new));
        // A repost (same URL, its own id) may overtake its original from another partition and be the one kept: either
        // stands for the mention, but never both.
        Map<String, String> mentionOf = new HashMap<>();
        records.stream().filter(r -> r.kind != FeedRecord.Kind.MALFORMED).forEach(r -> mentionOf.put(r.key, r.originalId));
        KafkaTestClient kafka = new KafkaTestClient(cluster.kafka());

        CapturedRun submit = CapturedRun.of("submit", "listen", "--data", data.toString(), "--jar", JOB_JAR.toString(),
                "--set", "listen.checkpoint-interval=1s");
        assertThat(submit.exit()).as(submit.err()).isZero();
        String job = submit.out().lines().findFirst().orElseThrow();
        try (FlinkRest flink = new FlinkRest(cluster.jobManager())) {
            assertThat(CapturedRun.of("jobs", "list", "--data", data.toString()).out()).contains(job).contains("earshot-listen");
            await(Duration.ofMinutes(2), "the job runs", () -> flink.state(job).equals("RUNNING"));

            kafka.produce(Topics.MENTIONS, records.subList(0, PHASE));
            await(Duration.ofMinutes(2), "mentions reach ClickHouse", () -> count(clickhouse, "SELECT count() FROM mentions") > 0);
            assertThat(flink.lastRestart(job)).as("no restart before the kill").isZero();
            assertThat(flink.taskManagersOf(job)).as("the job's tasks are spread over both").containsExactly("taskmanager-1", "taskmanager-2");
            kill("taskmanager-1");
            await(Duration.ofMinutes(2), "the job restarts without the killed TaskManager",
                    () -> flink.lastRestart(job) > 0 && flink.state(job).equals("RUNNING"));
            cluster.up(Duration.ofMinutes(2)); // the TaskManager comes back, as a supervisor would bring it

            kafka.produce(Topics.MENTIONS, records.subList(PHASE, PHASE + PHASE / 2));
            // Three replicas, two needed in sync: a broker may die once the other two are caught up, not before.
            kafka.awaitInSync(Duration.ofMinutes(2));
            kill("kafka-2");
            kafka.produce(Topics.MENTIONS, records.subList(PHASE + PHASE / 2, 2 * PHASE));

            long before = count(clickhouse, "SELECT count() FROM mentions");
            kill("clickhouse");
            kafka.produce(Topics.MENTIONS, records.subList(2 * PHASE, 3 * PHASE));
            Thread.sleep(3_000); // the sink meets a ClickHouse that is gone, and retries
            cluster.restart("clickhouse");
            cluster.up(Duration.ofMinutes(2)); // and the broker comes back
            kafka.produce(Topics.MENTIONS, records.subList(3 * PHASE, 4 * PHASE));
            assertThat(before).as("ClickHouse was killed mid-stream").isLessThan(expected.size());

            await(Duration.ofMinutes(3), "every unique mention in ClickHouse",
                    () -> count(clickhouse, "SELECT count() FROM mentions") >= expected.size());
            long checkpoints = flink.checkpoints(job).path("counts").path("completed").asLong();
            await(Duration.ofMinutes(1), "two more checkpoints, so nothing more is on its way",
                    () -> flink.checkpoints(job).path("counts").path("completed").asLong() >= checkpoints + 2);

            assertThat(count(clickhouse, "SELECT count() FROM mentions")).isEqualTo(expected.size());
            assertThat(count(clickhouse, "SELECT uniqExact(id) FROM mentions")).isEqualTo(expected.size());
            assertOnceEach("ClickHouse", ids(clickhouse), mentionOf, expected);
            List<Mention> enriched = kafka.readAll(Topics.MENTIONS_ENRICHED, l -> l.size() >= expected.size(),
                    Duration.ofMinutes(1), Duration.ofSeconds(3));
            assertOnceEach("the enriched topic", enriched.stream().map(m -> m.id).toList(), mentionOf, expected,
                    missing -> kafka.whereUncommitted(Topics.MENTIONS_ENRICHED, keysOf(missing, mentionOf)));
            assertThat(flink.state(job)).isEqualTo("RUNNING");

            // An upgrade stops the job with a savepoint and starts the jar's job from it: what it already stored stays
            // stored once, and it goes on with what comes after.
            CapturedRun upgrade = CapturedRun.of("upgrade", "listen", "--data", data.toString(), "--jar", JOB_JAR.toString(),
                    "--set", "listen.checkpoint-interval=1s");
            assertThat(upgrade.exit()).as(upgrade.err()).isZero();
            String upgraded = upgrade.out().lines().findFirst().orElseThrow();
            assertThat(upgrade.out()).contains("started from it").contains("savepoint");
            assertThat(flink.state(job)).isEqualTo("FINISHED");
            await(Duration.ofMinutes(2), "the upgraded job runs", () -> flink.state(upgraded).equals("RUNNING"));
            List<FeedRecord> more = IntStream.range(4 * PHASE, 4 * PHASE + 300).mapToObj(generator::generate).toList();
            more.stream().filter(r -> r.kind != FeedRecord.Kind.MALFORMED).forEach(r -> mentionOf.put(r.key, r.originalId));
            more.stream().filter(r -> r.kind == FeedRecord.Kind.VALID).forEach(r -> expected.add(r.originalId));
            kafka.produce(Topics.MENTIONS, more);
            await(Duration.ofMinutes(2), "the new mentions in ClickHouse",
                    () -> count(clickhouse, "SELECT count() FROM mentions") >= expected.size());
            long upgradedCheckpoints = flink.checkpoints(upgraded).path("counts").path("completed").asLong();
            await(Duration.ofMinutes(1), "two more checkpoints",
                    () -> flink.checkpoints(upgraded).path("counts").path("completed").asLong() >= upgradedCheckpoints + 2);
            assertOnceEach("ClickHouse after the upgrade", ids(clickhouse), mentionOf, expected);
            flink.cancel(upgraded);
        }
    }

    /**
     * Every expected mention stored once, whichever of its reposts stands for it. A failure names what is missing or
     * repeated in a few lines, with what the cluster logged about commits, so a run elsewhere can be read from its
     * output alone.
     */
    private static void assertOnceEach(String where, List<String> ids, Map<String, String> mentionOf, Set<String> expected)
            throws Exception {
        assertOnceEach(where, ids, mentionOf, expected, missing -> "");
    }

    /** As above, with {@code explain} saying more about what is missing (where a topic holds it uncommitted, say). */
    private static void assertOnceEach(String where, List<String> ids, Map<String, String> mentionOf, Set<String> expected,
                                       Function<List<String>, String> explain) throws Exception {
        Map<String, Long> seen = ids.stream().map(id -> mentionOf.getOrDefault(id, "unknown id " + id))
                .collect(Collectors.groupingBy(m -> m, TreeMap::new, Collectors.counting()));
        List<String> missing = expected.stream().filter(m -> !seen.containsKey(m)).sorted().toList();
        List<String> repeated = seen.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getKey() + " ×" + e.getValue()).toList();
        List<String> unexpected = seen.keySet().stream().filter(m -> !expected.contains(m)).toList();
        if (missing.isEmpty() && repeated.isEmpty() && unexpected.isEmpty()) return;
        throw new AssertionError(String.format(
                "%s holds %d rows for %d expected mentions: %d missing %s, %d repeated %s, %d unexpected %s%n%s"
                        + "the cluster logged:%n%s",
                where, ids.size(), expected.size(), missing.size(), first(missing), repeated.size(), first(repeated),
                unexpected.size(), first(unexpected), missing.isEmpty() ? "" : explain.apply(missing), commitTrouble()));
    }

    /** Every record key that stands for one of {@code mentions} (the mention itself and its reposts). */
    private static List<String> keysOf(List<String> mentions, Map<String, String> mentionOf) {
        Set<String> wanted = Set.copyOf(mentions);
        return mentionOf.entrySet().stream().filter(e -> wanted.contains(e.getValue())).map(Map.Entry::getKey).toList();
    }

    private static List<String> first(List<String> items) {
        return items.subList(0, Math.min(5, items.size()));
    }

    /** The WARN and ERROR lines of Flink's processes about transactions and commits, and the enriched sink's restores. */
    private static String commitTrouble() throws Exception {
        // Besides the sink's warnings, how each restored writer found its transactions, for a loss to be traced.
        Pattern trouble = Pattern.compile("(WARN|ERROR) +(org.apache.flink.connector.kafka|org.apache.kafka.clients.producer)"
                + ".*(commit|Transaction|fenced|Fenced|abort|lost)|Recovered states: \\[Kafka.*enriched|resume transaction earshot-listen-enriched");
        List<String> lines = new ArrayList<>();
        try (var logs = Files.list(cluster.root().resolve("logs"))) {
            for (Path log : logs.filter(f -> f.getFileName().toString().matches("(jobmanager|taskmanager-\\d)\\.log")).sorted().toList()) {
                Files.readAllLines(log).stream().filter(l -> trouble.matcher(l).find())
                        .map(l -> log.getFileName() + ": " + l.substring(0, Math.min(300, l.length()))).forEach(lines::add);
            }
        }
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void kill(String name) throws Exception {
        ProcessHandle process = cluster.running(name).orElseThrow(() -> new AssertionError(name + " is not running"));
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the others
        process.onExit().get(30, TimeUnit.SECONDS);
        assertThat(cluster.running(name)).as(name + " is dead").isEmpty();
    }

    private static void keepEveryRow(ClickHouseSinkOptions clickhouse, String... tables) throws Exception {
        try (Connection c = clickhouse.connect(); Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("ALTER TABLE " + table + " MODIFY SETTING max_bytes_to_merge_at_max_space_in_pool = 1, "
                        + "max_bytes_to_merge_at_min_space_in_pool = 1, merge_with_ttl_timeout = 1000000000");
            }
        }
    }

    private static long count(ClickHouseSinkOptions clickhouse, String sql) {
        try (Connection c = clickhouse.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception unreachable) {
            return -1;
        }
    }

    private static List<String> ids(ClickHouseSinkOptions clickhouse) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(clickhouse.jdbcUrl(), clickhouse.user(), clickhouse.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM mentions")) {
            while (rs.next()) ids.add(rs.getString(1));
        }
        return ids;
    }

    private static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + timeout).isLessThan(deadline);
            Thread.sleep(250);
        }
    }
}
