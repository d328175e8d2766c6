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
import me.tongfei.progressbar.ProgressBar;
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
import org.earshot.jobs.console.Progress;
import org.earshot.jobs.local.LiveView;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.local.demo.DemoMentions;
import org.earshot.schemas.FeedRecord;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.Topics;

/**
 * Mentions per second end to end (produce → Listen job → {@code earshot.mentions.enriched}) and,
 * on the same broker with the same records, the broker alone (produce → consume). Both clocks run
 * from the first record produced to the last one consumed.
 */
public final class IngestBenchmark {
    private static final String BASELINE_TOPIC = "earshot.bench.baseline";
    private static final int WARM_UP = 300_000;

    private final Path dir;
    private final int count;
    private final int parallelism;
    private final Duration checkpointInterval;
    private final PrintStream out;

    public IngestBenchmark(Path dir, int count, int parallelism, Duration checkpointInterval, PrintStream out) {
        this.dir = dir;
        this.count = count;
        this.parallelism = parallelism;
        this.checkpointInterval = checkpointInterval;
        this.out = out;
    }

    public record Result(double brokerPerSecond, double pipelinePerSecond) {
        public double ratio() {
            return pipelinePerSecond / brokerPerSecond;
        }
    }

    public Result run() throws Exception {
        List<FeedRecord> records = generate(new DemoMentions(7L, 0.02, 0.01, 1_767_225_600_000L), count);
        long valid = valid(records);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), kafka.clientProperties());
            TopicAdmin.ensureTopics(settings, parallelism, Topics.all());
            TopicAdmin.ensureTopic(settings, BASELINE_TOPIC, parallelism, false);

            // Both paths are warmed up (JIT) on other records before their measured run.
            List<FeedRecord> warmUp = generate(new DemoMentions(8L, 0.02, 0.01, 1_767_225_600_000L), WARM_UP);
            timed(settings, warmUp, BASELINE_TOPIC, BASELINE_TOPIC, WARM_UP, "broker warm-up");
            double broker = count / timed(settings, records, BASELINE_TOPIC, BASELINE_TOPIC, count, "broker alone");

            ListenOptions options = new ListenOptions(settings, "earshot-bench", checkpointInterval, Duration.ofDays(7), 100_000, Duration.ofSeconds(30));
            StreamExecutionEnvironment env = LocalFlink.environment(dir.resolve("checkpoints"), options.checkpointInterval(), parallelism, true);
            ListenJob.attach(env, options);
            JobClient job = env.executeAsync("earshot-bench-listen");
            try {
                awaitRunning(job);
                timed(settings, warmUp, Topics.MENTIONS.name(), Topics.MENTIONS_ENRICHED.name(), valid(warmUp), "pipeline warm-up");
                ProcessedClock processed = new ProcessedClock(new LiveView(job, () -> -1, out), WARM_UP + count);
                processed.start();
                double seconds = timed(settings, records, Topics.MENTIONS.name(), Topics.MENTIONS_ENRICHED.name(), valid, "pipeline");
                processed.interrupt();
                out.printf("pipeline: the job had read all %,d mentions after %.2f s (%,.0f mentions/s before the last commit)%n",
                        count, processed.seconds(), count / processed.seconds());
                return new Result(broker, count / seconds);
            } finally {
                LocalFlink.cancel(job, Duration.ofSeconds(60));
            }
        }
    }

    /**
     * When the job has read every record (its own counters), as opposed to when the last output
     * became visible: the difference is the wait for the checkpoint that commits the output.
     */
    private static final class ProcessedClock extends Thread {
        private final LiveView job;
        private final long total;
        private final long start = System.nanoTime();
        private volatile double seconds = Double.NaN;

        ProcessedClock(LiveView job, long total) {
            super("bench-processed-clock");
            setDaemon(true);
            this.job = job;
            this.total = total;
        }

        @Override
        public void run() {
            while (!isInterrupted() && job.counts().in() < total) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
            seconds = (System.nanoTime() - start) / 1e9;
        }

        double seconds() {
            return seconds;
        }
    }

    private static List<FeedRecord> generate(DemoMentions generator, int n) {
        List<FeedRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) records.add(generator.generate(i));
        return records;
    }

    private static long valid(List<FeedRecord> records) {
        return records.stream().filter(r -> r.kind == FeedRecord.Kind.VALID).count();
    }

    /** Seconds from the first record produced to the {@code expected}-th record consumed from {@code to}. */
    private double timed(KafkaSettings settings, List<FeedRecord> records, String from, String to, long expected, String label)
            throws ExecutionException, InterruptedException {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(settings, to)) {
            long start = System.nanoTime();
            Thread producer = new Thread(() -> produce(settings, records, from), "bench-producer");
            producer.start();
            long seen = 0;
            try (ProgressBar bar = Progress.bar(label, expected, " mentions")) {
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

    /** Sends {@code records} to {@code topic} and waits for them (closing the producer flushes). */
    static void produce(KafkaSettings settings, List<FeedRecord> records, String topic) {
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

    /** Waits (a minute at most) until the job runs. */
    static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the Listen job did not start within 60 s");
            Thread.sleep(100);
        }
        Thread.sleep(2_000); // let the source find its partitions
    }
}
