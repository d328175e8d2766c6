package org.earshot.jobs.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.earshot.jobs.ListenJob;
import org.earshot.jobs.ListenOptions;
import org.earshot.jobs.Migrations;
import org.earshot.jobs.console.Progress;
import org.earshot.jobs.local.LiveView;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.local.clickhouse.ChdbEngine;
import org.earshot.local.clickhouse.http.ClickHouseHttpServer;
import org.earshot.local.clickhouse.http.FrontOptions;
import org.earshot.local.demo.DemoMentions;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.pipeline.dedup.DedupKey;
import org.earshot.pipeline.dedup.DeduplicateOperator;
import org.earshot.pipeline.kafka.EnrichedRecord;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.KafkaTopics;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.pipeline.types.MentionTypes;
import org.earshot.pipeline.validate.ParseMentionsFunction;
import org.earshot.schemas.FeedRecord;
import org.earshot.schemas.Topics;

/**
 * Mentions per second through the whole Listen job (parse, dedup, normalize, language, sentiment, emotion, matching
 * against N live rules, windows, the Kafka and the ClickHouse sinks) against a job of parse and dedup alone, on the
 * same records from the same broker in the same run, with the CPU each stage spends per mention.
 *
 * <p>Every record is in {@code earshot.mentions} before either job starts, so the broker's producing is not timed;
 * each job reads them all from the start under its own consumer group. Its clock runs while its source reads the
 * measured records, after a warm-up of the first ones: with the sinks' back-pressure, the rate a source reads is the
 * rate the whole job keeps up. Afterwards every output is awaited and counted, so a job that dropped
 * records cannot pass. Everything runs in this JVM, so the process's CPU is all of it: Flink, Kafka and ClickHouse.
 */
public final class IngestBenchmark {
    /**
     * Mentions read before the clock starts, by default. The JIT warms up slowly here: everything in the JVM (the
     * broker, the Kafka clients, Flink's checkpoints, the ClickHouse front) gets hot only as the whole job runs, and
     * with 200,000 of warm-up its compilers took a tenth of the measured CPU. In a compilation log of one run
     * ({@code -XX:+LogCompilation}), the whole job's compile time per 10 s fell from 10–11 s in its first 30 s to
     * 1–2 s after about 75 s, some 450,000 mentions in: the sustained rate is measured after that.
     */
    public static final int WARM_UP = 600_000;
    private static final String BASELINE_GROUP = "earshot-bench-parse-dedup";

    private final Path dir;
    private final int count;
    private final int warmUp;
    private final int parallelism;
    private final Sampler sampler;
    private final Duration checkpointInterval;
    private final Path corpus;
    private final int ruleCount;
    private final double stampsPerSecond;
    private final PrintStream out;

    /** {@code stampsPerSecond}: the mentions' event-time stamps per second (10 unless the bench is told otherwise). */
    public IngestBenchmark(Path dir, int count, int warmUp, int parallelism, Duration checkpointInterval, Path corpus, int ruleCount, Sampler sampler,
                           double stampsPerSecond, PrintStream out) {
        this.dir = dir;
        this.count = count;
        this.warmUp = warmUp;
        this.parallelism = parallelism;
        this.sampler = sampler;
        this.checkpointInterval = checkpointInterval;
        this.corpus = corpus;
        this.ruleCount = ruleCount;
        this.stampsPerSecond = stampsPerSecond;
        this.out = out;
    }

    /** One job's measured window: mentions read, seconds, where the CPU went; {@code jfr} holds its samples. */
    public record Run(String label, long mentions, double seconds, StageProfile.Figures cpu, Path jfr) {
        public double perSecond() {
            return mentions / seconds;
        }

        /** The process's CPU per mention read, everything in this JVM included. */
        public double cpuMicros() {
            return cpu.totalMicros(mentions);
        }
    }

    public record Result(Run parseAndDedup, Run everyStage) {
        public double ratio() {
            return everyStage.perSecond() / parseAndDedup.perSecond();
        }
    }

    public Result run() throws Exception {
        sampler.prepare();
        List<FeedRecord> records = generate(new DemoMentions(7L, 0.02, 0.01, 1_767_225_600_000L).stampedAt(stampsPerSecond), warmUp + count);
        long valid = records.stream().filter(r -> r.kind == FeedRecord.Kind.VALID).count();
        String password = UUID.randomUUID().toString();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             ChdbEngine engine = ChdbEngine.open(dir.resolve("clickhouse"));
             ClickHouseHttpServer server = ClickHouseHttpServer.start(engine, FrontOptions.loopback(0, password))) {
            KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), kafka.clientProperties());
            TopicAdmin.ensureTopics(settings, parallelism, Topics.all());
            ClickHouseSinkOptions clickhouse = ClickHouseSinkOptions.of(server.jdbcUrl(), password);
            Migrations.apply(clickhouse);
            LiveRules.put(settings, corpus, ruleCount, out);
            produce(settings, records, Topics.MENTIONS.name());

            Run baseline = measure("parse and dedup alone", env -> parseAndDedup(env, settings), settings, valid);
            ListenOptions options = new ListenOptions(settings, "earshot-bench", checkpointInterval, Duration.ofDays(7), 100_000,
                    Duration.ofSeconds(30)).withClickHouse(clickhouse);
            Run full = measure("every stage", env -> ListenJob.attach(env, options), settings, valid);
            long rows = count(clickhouse, "SELECT count() FROM mentions");
            if (rows != valid) throw new IllegalStateException("ClickHouse holds " + rows + " mentions, expected " + valid);
            out.printf("ClickHouse: %,d mentions, %,d matches (mention_rules)%n", rows, count(clickhouse, "SELECT count() FROM mention_rules"));
            return new Result(baseline, full);
        }
    }

    /** The first stages of the Listen job alone: parse and validate, event time, dedup by id, into the enriched topic. */
    private static void parseAndDedup(StreamExecutionEnvironment env, KafkaSettings settings) {
        env.fromSource(KafkaTopics.rawSource(settings, Topics.MENTIONS, BASELINE_GROUP), WatermarkStrategy.noWatermarks(), Topics.MENTIONS.name())
                .process(new ParseMentionsFunction(Duration.ofDays(1))).returns(MentionTypes.MENTION).name("parse and validate")
                .keyBy(DedupKey.ID)
                .transform("dedup by id", MentionTypes.MENTION, new DeduplicateOperator(Duration.ofDays(7)))
                .map(EnrichedRecord::of).returns(EnrichedRecord.TYPE).name("enriched records")
                .sinkTo(KafkaTopics.sink(settings, EnrichedRecord.serializer(), "earshot-bench-parse-dedup"))
                .name(Topics.MENTIONS_ENRICHED.name());
    }

    /**
     * Runs a job over every record: the clock and the profile cover the measured records after the warm-up, then every
     * output is awaited on the enriched topic ({@code expected} of them).
     */
    private Run measure(String label, Consumer<StreamExecutionEnvironment> job, KafkaSettings settings, long expected) throws Exception {
        String slug = label.replaceAll("[^a-z]+", "-");
        long total = warmUp + count;
        try (KafkaConsumer<byte[], byte[]> enriched = consumerAtEnd(settings, Topics.MENTIONS_ENRICHED.name())) {
            StreamExecutionEnvironment env = LocalFlink.environment(dir.resolve("checkpoints-" + slug), checkpointInterval, parallelism, true);
            job.accept(env);
            JobClient client = env.executeAsync("earshot-bench-" + slug);
            try {
                awaitRunning(client);
                LiveView view = new LiveView(client, () -> -1, out);
                long start = 0;
                StageProfile profile = null;
                StageProfile.Figures cpu;
                Path jfr = dir.resolve(slug + ".jfr");
                try (ProgressBar bar = Progress.bar(label, total, " mentions")) {
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
                    long in = 0;
                    while (in < total) {
                        if (System.nanoTime() > deadline) throw new IllegalStateException(label + ": only " + in + " of " + total + " read in 30 minutes");
                        if (client.getJobStatus().get().isGloballyTerminalState()) throw new IllegalStateException(label + ": the job ended");
                        Thread.sleep(50);
                        in = view.counts().in();
                        bar.stepTo(in);
                        if (profile == null && in >= warmUp) {
                            start = System.nanoTime();
                            profile = StageProfile.start(sampler, jfr);
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                cpu = profile.stop();
                long outputs = awaitOutputs(enriched, expected, label);
                Run run = new Run(label, count, seconds, cpu, jfr);
                out.printf("%s: %,d mentions read in %.2f s after %,d of warm-up: %,.0f mentions/s; %,d outputs on %s%n",
                        label, count, seconds, warmUp, run.perSecond(), outputs, Topics.MENTIONS_ENRICHED.name());
                cpu.print(out, label, count);
                out.printf("  the samples (%s, a JFR file): %s%n", sampler == Sampler.ASYNC ? "async-profiler" : "JFR", jfr);
                return run;
            } finally {
                LocalFlink.cancel(client, Duration.ofSeconds(60));
            }
        }
    }

    /** Waits (ten minutes at most) for {@code expected} committed records on the enriched topic. */
    private static long awaitOutputs(KafkaConsumer<byte[], byte[]> consumer, long expected, String label) {
        long seen = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (seen < expected) {
            if (System.nanoTime() > deadline) throw new IllegalStateException(label + ": only " + seen + " of " + expected + " outputs arrived");
            seen += consumer.poll(Duration.ofMillis(200)).count();
        }
        return seen;
    }

    private static List<FeedRecord> generate(DemoMentions generator, int n) {
        List<FeedRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) records.add(generator.generate(i));
        return records;
    }

    /** Puts every record into {@code topic} (closing the producer waits for them). */
    static void produce(KafkaSettings settings, List<FeedRecord> records, String topic) {
        try (KafkaProducer<byte[], byte[]> producer = producer(settings);
             ProgressBar bar = Progress.bar(topic, records.size(), " records")) {
            for (FeedRecord r : records) {
                producer.send(new ProducerRecord<>(topic, r.key == null ? null : r.key.getBytes(StandardCharsets.UTF_8), r.value));
                bar.step();
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaSettings settings) {
        Properties props = settings.toProperties();
        props.setProperty("linger.ms", "5");
        props.setProperty("batch.size", String.valueOf(256 * 1024));
        props.setProperty("compression.type", "lz4");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumerAtEnd(KafkaSettings settings, String topic) {
        Properties props = settings.toProperties();
        props.setProperty("isolation.level", "read_committed");
        props.setProperty("max.poll.records", "5000");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static long count(ClickHouseSinkOptions clickhouse, String sql) throws SQLException {
        try (Connection c = clickhouse.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits (a minute at most) until the job runs. */
    static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the job did not start within 60 s");
            Thread.sleep(100);
        }
    }
}
