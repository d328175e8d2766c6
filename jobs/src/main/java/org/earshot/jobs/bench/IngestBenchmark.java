package org.earshot.jobs.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.earshot.jobs.ListenJob;
import org.earshot.jobs.ListenOptions;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.pipeline.ingest.DemoMentions;
import org.earshot.pipeline.ingest.FeedRecord;
import org.earshot.pipeline.kafka.EmbeddedKafka;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.Topics;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Mentions per second end to end (produce → Listen job → {@code earshot.mentions.enriched}) and,
 * on the same broker with the same records, the broker alone (produce → consume). Both clocks run
 * from the first record produced to the last one consumed.
 */
public final class IngestBenchmark {
    private static final String BASELINE_TOPIC = "earshot.bench.baseline";

    private final Path dir;
    private final int count;
    private final int parallelism;
    private final PrintStream out;

    public IngestBenchmark(Path dir, int count, int parallelism, PrintStream out) {
        this.dir = dir;
        this.count = count;
        this.parallelism = parallelism;
        this.out = out;
    }

    public record Result(double brokerPerSecond, double pipelinePerSecond) {
        public double ratio() {
            return pipelinePerSecond / brokerPerSecond;
        }
    }

    public Result run() throws Exception {
        DemoMentions generator = new DemoMentions(7L, 0.02, 0.01, 1_767_225_600_000L);
        List<FeedRecord> records = new ArrayList<>(count);
        long valid = 0;
        for (int i = 0; i < count; i++) {
            FeedRecord r = generator.generate(i);
            records.add(r);
            if (r.kind == FeedRecord.Kind.VALID) valid++;
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            KafkaSettings settings = kafka.settings();
            TopicAdmin.ensureTopics(settings, parallelism, Topics.all());
            TopicAdmin.ensureTopic(settings, BASELINE_TOPIC, parallelism, false);

            out.println("warming up…");
            timed(settings, records.subList(0, Math.min(20_000, count)), BASELINE_TOPIC, BASELINE_TOPIC, Math.min(20_000, count), "warm-up");
            double broker = count / timed(settings, records, BASELINE_TOPIC, BASELINE_TOPIC, count, "broker alone");

            ListenOptions options = new ListenOptions(settings, "earshot-bench", Duration.ofSeconds(1), Duration.ofHours(1), 100_000, Duration.ofSeconds(30));
            StreamExecutionEnvironment env = LocalFlink.environment(dir.resolve("checkpoints"), options.checkpointInterval(), parallelism, true);
            ListenJob.attach(env, options);
            JobClient job = env.executeAsync("earshot-bench-listen");
            try {
                awaitRunning(job);
                double pipeline = count / timed(settings, records, Topics.MENTIONS.name(), Topics.MENTIONS_ENRICHED.name(), valid, "pipeline");
                return new Result(broker, pipeline);
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** Seconds from the first record produced to the {@code expected}-th record consumed from {@code to}. */
    private double timed(KafkaSettings settings, List<FeedRecord> records, String from, String to, long expected, String label)
            throws ExecutionException, InterruptedException {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(settings, to)) {
            long start = System.nanoTime();
            Thread producer = new Thread(() -> produce(settings, records, from), "bench-producer");
            producer.start();
            long seen = 0;
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(expected)
                    .setUnit(" mentions", 1).setUpdateIntervalMillis(500).build()) {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while (seen < expected) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException(label + ": only " + seen + " of " + expected + " arrived in 10 minutes");
                    ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
                    seen += polled.count();
                    bar.stepBy(polled.count());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            producer.join();
            out.printf("%s: %,d mentions in %.2f s%n", label, seen, seconds);
            return seconds;
        }
    }

    private static void produce(KafkaSettings settings, List<FeedRecord> records, String topic) {
        Properties props = settings.toProperties();
        props.setProperty("linger.ms", "5");
        props.setProperty("batch.size", String.valueOf(256 * 1024));
        props.setProperty("compression.type", "lz4");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (FeedRecord r : records) {
                producer.send(new ProducerRecord<>(topic, r.key == null ? null : r.key.getBytes(StandardCharsets.UTF_8), r.value));
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaSettings settings, String topic) {
        Properties props = settings.toProperties();
        props.setProperty("isolation.level", "read_committed");
        props.setProperty("max.poll.records", "5000");
        props.setProperty("fetch.min.bytes", "65536");
        props.setProperty("fetch.max.wait.ms", "50");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the Listen job did not start within 60 s");
            Thread.sleep(100);
        }
        Thread.sleep(2_000); // let the source find its partitions
    }
}
