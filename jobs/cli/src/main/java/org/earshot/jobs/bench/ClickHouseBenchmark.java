package org.earshot.jobs.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.jobs.Migrations;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.local.clickhouse.ChdbEngine;
import org.earshot.local.clickhouse.http.ClickHouseHttpServer;
import org.earshot.local.clickhouse.http.FrontOptions;
import org.earshot.pipeline.clickhouse.MentionRows;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSink;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.pipeline.clickhouse.sink.ClickHouseTable;
import org.earshot.local.demo.DemoMentions;
import org.earshot.pipeline.types.MentionTypes;
import org.earshot.schemas.Mention;

/**
 * {@code earshot bench clickhouse}: mention rows per second through the exactly-once sink (a Flink
 * job) into the embedded engine, against the raw driver inserting the same rows in the same run;
 * then a GROUP BY rule × hour over what was written.
 */
public final class ClickHouseBenchmark {
    private static final String BASELINE_TABLE = "bench_driver";
    private static final String SINK_TABLE = "bench_sink";
    private static final int RULES = 50;

    private final Path dir;
    private final int count;
    private final int batchRows;
    private final PrintStream out;

    public ClickHouseBenchmark(Path dir, int count, int batchRows, PrintStream out) {
        this.dir = dir;
        this.count = count;
        this.batchRows = batchRows;
        this.out = out;
    }

    /** What one run measured. */
    public record Result(double driverRowsPerSecond, double sinkRowsPerSecond, double groupByMillis) {
        public double ratio() {
            return sinkRowsPerSecond / driverRowsPerSecond;
        }
    }

    public Result run() throws Exception {
        String password = UUID.randomUUID().toString();
        try (ChdbEngine engine = ChdbEngine.open(dir.resolve("clickhouse"));
             ClickHouseHttpServer server = ClickHouseHttpServer.start(engine, FrontOptions.loopback(0, password))) {
            ClickHouseSinkOptions options = ClickHouseSinkOptions.of(server.jdbcUrl(), password).withBatchRows(batchRows);
            Migrations.apply(options);
            try (Connection c = options.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + BASELINE_TABLE + " AS mentions");
                s.execute("CREATE TABLE " + SINK_TABLE + " AS mentions");
            }
            out.printf("ClickHouse %s, %,d mention rows per run, batches of %,d%n", server.jdbcUrl(), count, batchRows);

            driver(options, Math.min(count, 50_000), "driver warm-up");
            truncate(options, BASELINE_TABLE);
            double driver = driver(options, count, "driver");
            sink(options, Math.min(count, 50_000), "sink warm-up");
            truncate(options, SINK_TABLE);
            double sink = sink(options, count, "sink");
            double groupBy = groupBy(options);
            return new Result(driver, sink, groupBy);
        }
    }

    /**
     * The same rows both ways: demo mentions with unique ids, each matched by one or two of 50
     * rules. Making a demo mention costs about as much as encoding it, so {@link #POOL} of them
     * are made before anything is timed and reused, each time under a new id: both runs time
     * inserting rows, not making them up. Reusing one object is safe because the driver binds it
     * and the sink encodes it before the next one is made.
     */
    static Mention mention(long i) {
        Mention m = Pool.MENTIONS[(int) (i % POOL)];
        m.id = "bench-" + i;
        m.ruleIds = i % 3 == 0 ? Pool.PAIRS.get((int) (i % RULES)) : Pool.SINGLES.get((int) (i % RULES));
        return m;
    }

    static final int POOL = 100_000;

    /** Made on first use, in the JVM that runs both the driver and the local Flink job. */
    private static final class Pool {
        static final Mention[] MENTIONS = new Mention[POOL];
        static final List<List<String>> SINGLES = new java.util.ArrayList<>();
        static final List<List<String>> PAIRS = new java.util.ArrayList<>();

        static {
            DemoMentions demo = new DemoMentions(5L, 0, 0, Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
            for (int i = 0; i < POOL; i++) MENTIONS[i] = demo.mention(i);
            for (int r = 0; r < RULES; r++) {
                SINGLES.add(List.of("rule-" + r));
                PAIRS.add(List.of("rule-" + r, "rule-" + (r + 7) % RULES));
            }
        }
    }

    /**
     * The raw driver: one prepared insert, rows bound with plain JDBC setters, executeBatch per
     * batch, with the sink's insert settings so that ClickHouse does the same work in both runs.
     */
    private double driver(ClickHouseSinkOptions options, int rows, String label) throws SQLException {
        mention(0); // the pool, made before the clock starts
        ClickHouseTable<Mention> table = MentionRows.TABLE;
        String sql = "INSERT INTO " + BASELINE_TABLE + " (" + String.join(", ", table.columns().stream().map(c -> c.name()).toList())
                + ") VALUES (" + String.join(", ", java.util.Collections.nCopies(table.columns().size(), "?")) + ")";
        long start = System.nanoTime();
        try (Connection c = options.connect(ClickHouseSink.INSERT_SETTINGS); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < rows; i++) {
                Object[] row = table.rows().row(mention(i));
                for (int col = 0; col < row.length; col++) {
                    Object v = row[col];
                    if (v instanceof Instant t) p.setTimestamp(col + 1, Timestamp.from(t));
                    else if (v instanceof List<?> l) p.setArray(col + 1, c.createArrayOf("String", l.toArray()));
                    else if (v instanceof Double d) p.setFloat(col + 1, d.floatValue());
                    else p.setObject(col + 1, v);
                }
                p.addBatch();
                if ((i + 1) % batchRows == 0 || i == rows - 1) p.executeBatch();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(options, BASELINE_TABLE, rows);
        out.printf("%-14s %,10d rows in %6.2f s  %,10.0f rows/s%n", label, rows, seconds, rows / seconds);
        return rows / seconds;
    }

    /** The sink in a Flink job: generated mentions → ClickHouseSink, timed from RUNNING to FINISHED. */
    private double sink(ClickHouseSinkOptions options, int rows, String label) throws Exception {
        mention(0); // the pool, made before the clock starts
        GeneratorFunction<Long, Mention> generate = ClickHouseBenchmark::mention;
        StreamExecutionEnvironment env = LocalFlink.environment(dir.resolve("checkpoints-" + label.replace(' ', '-')), Duration.ofSeconds(1), 1, true);
        ClickHouseTable<Mention> table = MentionRows.TABLE.named(SINK_TABLE);
        env.fromSource(new DataGeneratorSource<>(generate, rows, RateLimiterStrategy.noOp(), MentionTypes.MENTION),
                        WatermarkStrategy.noWatermarks(), "mentions")
                .sinkTo(new ClickHouseSink<>("bench", table, options, () -> {
                    throw new IllegalStateException("the benchmark's rows are all valid, yet one was refused");
                }));
        JobClient job = env.executeAsync("earshot-bench-clickhouse");
        while (job.getJobStatus().get() != JobStatus.RUNNING) Thread.sleep(5);
        long start = System.nanoTime();
        job.getJobExecutionResult().get(30, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        check(options, SINK_TABLE, rows);
        out.printf("%-14s %,10d rows in %6.2f s  %,10.0f rows/s%n", label, rows, seconds, rows / seconds);
        return rows / seconds;
    }

    /** Mentions per rule and hour over everything the sink wrote; the median of five runs. */
    private double groupBy(ClickHouseSinkOptions options) throws SQLException {
        String sql = "SELECT rule, toStartOfHour(published_at) AS hour, count() AS mentions, sum(reach) AS reach FROM " + SINK_TABLE
                + " ARRAY JOIN rule_ids AS rule GROUP BY rule, hour ORDER BY rule, hour";
        double[] millis = new double[5];
        long groups = 0;
        try (Connection c = options.connect(); Statement s = c.createStatement()) {
            for (int run = 0; run < millis.length; run++) {
                long start = System.nanoTime();
                groups = 0;
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) groups++;
                }
                millis[run] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(millis);
        out.printf("GROUP BY rule × hour over %,d mentions: %,d groups, median %.0f ms (min %.0f, max %.0f) through JDBC%n",
                count, groups, millis[2], millis[0], millis[4]);
        return millis[2];
    }

    private static void truncate(ClickHouseSinkOptions options, String table) throws SQLException {
        try (Connection c = options.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE TABLE " + table);
        }
    }

    private static void check(ClickHouseSinkOptions options, String table, long rows) throws SQLException {
        try (Connection c = options.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count() FROM " + table)) {
            rs.next();
            if (rs.getLong(1) != rows) throw new IllegalStateException(table + " holds " + rs.getLong(1) + " rows, not " + rows);
        }
    }
}
