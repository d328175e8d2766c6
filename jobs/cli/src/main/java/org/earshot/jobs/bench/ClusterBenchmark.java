package org.earshot.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.earshot.jobs.cluster.FlinkRest;
import org.earshot.jobs.cluster.JobJar;
import org.earshot.jobs.cluster.LocalCluster;
import org.earshot.local.demo.DemoMentions;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.schemas.FeedRecord;
import org.earshot.schemas.Topics;

/**
 * The Listen job from the cluster jar on the local cluster ({@code earshot cluster up}: two TaskManagers, each its own
 * process) against the same jar on a MiniCluster inside this JVM (one TaskManager with as many slots), on the same input,
 * the same brokers and the same ClickHouse server, at the same parallelism, with RocksDB state and the same checkpoint
 * interval: throughput from the first mention in ClickHouse to the last, checkpoint duration and size, and on the cluster
 * the time to recover from a TaskManager killed with SIGKILL.
 */
public final class ClusterBenchmark {
    /** What one run measured. */
    public record Run(String label, double perSecond, double checkpointMillis, long checkpointBytes) {}

    /** Both runs and the recovery. */
    public record Result(Run miniCluster, Run cluster, double backToRunningSeconds, double flowingAgainSeconds, boolean exact) {
        public double ratio() {
            return cluster.perSecond / miniCluster.perSecond;
        }
    }

    private final int count;
    private final Path jar;
    private final Path dir;
    private final PrintStream out;

    public ClusterBenchmark(int count, Path jar, Path dir, PrintStream out) {
        this.count = count;
        this.jar = jar;
        this.dir = dir;
        this.out = out;
    }

    public Result run() throws Exception {
        out.println("starting the local cluster in " + dir + " …");
        LocalCluster cluster = LocalCluster.in(dir).up(Duration.ofMinutes(4));
        try {
            ClickHouseSinkOptions clickhouse = ClickHouseSinkOptions.of(cluster.clickhouseUrl(), cluster.clickhousePassword());
            DemoMentions generator = new DemoMentions(31L, 0.02, 0.01, 1_767_225_600_000L);
            List<FeedRecord> records = LongStream.range(0, count).mapToObj(generator::generate).toList();
            long expected = records.stream().filter(r -> r.kind == FeedRecord.Kind.VALID).count();
            IngestBenchmark.produce(cluster.kafka(), records, Topics.MENTIONS.name());
            out.printf("%,d mentions in earshot.mentions (%,d unique and valid)%n", count, expected);

            Run mini;
            try (MiniCluster miniCluster = miniCluster(dir.resolve("checkpoints-mini")); FlinkRest flink = new FlinkRest(miniCluster.getRestAddress().get().toString())) {
                mini = measure("MiniCluster, 1 TaskManager in this JVM", flink, cluster, clickhouse, "bench-mini", expected, null);
            }
            truncate(clickhouse);
            try (FlinkRest flink = new FlinkRest(cluster.jobManager())) {
                String[] job = new String[1];
                Run onCluster = measure("cluster, 2 TaskManager processes", flink, cluster, clickhouse, "bench-cluster", expected, job);

                // More input, and while it flows a TaskManager that runs the job is killed.
                List<FeedRecord> more = LongStream.range(count, count + count / 4).mapToObj(generator::generate).toList();
                long total = expected + more.stream().filter(r -> r.kind == FeedRecord.Kind.VALID).count();
                Thread producer = new Thread(() -> IngestBenchmark.produce(cluster.kafka(), more, Topics.MENTIONS.name()), "bench-more");
                producer.start();
                await(Duration.ofMinutes(2), () -> rows(clickhouse) > expected);
                String victim = flink.taskManagersOf(job[0]).iterator().next();
                long before = rows(clickhouse);
                long killed = System.nanoTime();
                ProcessHandle process = cluster.running(victim).orElseThrow();
                process.destroyForcibly(); // SIGKILL
                process.onExit().get();
                await(Duration.ofMinutes(3), () -> flink.lastRestart(job[0]) > 0 && flink.state(job[0]).equals("RUNNING")
                        && !flink.taskManagersOf(job[0]).isEmpty() && !flink.taskManagersOf(job[0]).contains(victim));
                double running = (System.nanoTime() - killed) / 1e9;
                long atRunning = rows(clickhouse);
                await(Duration.ofMinutes(3), () -> rows(clickhouse) > Math.max(before, atRunning));
                double flowing = (System.nanoTime() - killed) / 1e9;
                producer.join();
                await(Duration.ofMinutes(3), () -> rows(clickhouse) >= total);
                Thread.sleep(5_000); // a few more checkpoints: a duplicate would land now
                boolean exact = rows(clickhouse) == total && count(clickhouse, "SELECT uniqExact(id) FROM mentions") == total;
                out.printf("killed %s: the job RUNNING again after %.1f s, new rows in ClickHouse after %.1f s; %,d rows for %,d mentions%n",
                        victim, running, flowing, rows(clickhouse), total);
                flink.cancel(job[0]);
                return new Result(mini, onCluster, running, flowing, exact);
            }
        } finally {
            cluster.down();
        }
    }

    /**
     * A MiniCluster with REST (and jar upload), one TaskManager with as many slots as the cluster's two have together,
     * checkpointing to {@code checkpoints}.
     */
    private static MiniCluster miniCluster(Path checkpoints) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.address", "127.0.0.1");
        conf.setString("rest.port", "0");
        conf.setString("state.backend.type", "rocksdb");
        conf.setString("execution.checkpointing.incremental", "true");
        conf.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
        // Kafka's clients come from the job jar, and the connector (org.apache.flink…) from this JVM: one side for both.
        conf.setString("classloader.parent-first-patterns.additional", "org.apache.kafka.");
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(2 * LocalCluster.SLOTS_PER_TASKMANAGER).build());
        cluster.start();
        return cluster;
    }

    /** Runs the Listen job from the jar on {@code flink} until ClickHouse holds {@code expected} mentions. */
    private Run measure(String label, FlinkRest flink, LocalCluster cluster, ClickHouseSinkOptions clickhouse, String group, long expected,
                        String[] jobOut) throws Exception {
        List<String> args = List.of("--config", cluster.settingsFile().toString(), "--listen.group-id", group,
                "--listen.checkpoint-interval", "2s");
        String job = flink.run(flink.upload(jar), JobJar.LISTEN.entryClass(), args, null, LocalCluster.SLOTS_PER_TASKMANAGER);
        await(Duration.ofMinutes(3), () -> rows(clickhouse) > 0);
        long first = System.nanoTime();
        long atFirst = rows(clickhouse);
        await(Duration.ofMinutes(10), () -> rows(clickhouse) >= expected);
        double seconds = (System.nanoTime() - first) / 1e9;
        JsonNode checkpoints = flink.checkpoints(job);
        double millis = checkpoints.path("summary").path("end_to_end_duration").path("avg").asDouble();
        long bytes = checkpoints.path("latest").path("completed").path("state_size").asLong();
        Run run = new Run(label, (expected - atFirst) / seconds, millis, bytes);
        out.printf("%s: %,.0f mentions/s, checkpoints %.0f ms on average, %.1f MB of state%n", label, run.perSecond, millis, bytes / 1e6);
        if (jobOut == null) flink.cancel(job);
        else jobOut[0] = job;
        return run;
    }

    private static void truncate(ClickHouseSinkOptions clickhouse) throws Exception {
        try (Connection c = clickhouse.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE TABLE mentions");
        }
    }

    private static long rows(ClickHouseSinkOptions clickhouse) {
        return count(clickhouse, "SELECT count() FROM mentions");
    }

    private static long count(ClickHouseSinkOptions clickhouse, String sql) {
        try (Connection c = clickhouse.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception unreachable) {
            return -1;
        }
    }

    private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("not reached within " + timeout);
            Thread.sleep(100);
        }
    }
}
