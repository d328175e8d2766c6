package org.earshot.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import me.tongfei.progressbar.ProgressBar;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.earshot.jobs.ListenJob;
import org.earshot.jobs.ListenOptions;
import org.earshot.jobs.console.Progress;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.alerts.AlertsOptions;
import org.earshot.pipeline.alerts.SubscriptionCheck;
import org.earshot.pipeline.alerts.WebhookSignature;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Rule;
import org.earshot.schemas.Subscription;
import org.earshot.schemas.Topic;
import org.earshot.schemas.Topics;

/**
 * How long from a mention appended to {@code earshot.mentions} to its every-match webhook's arrival, with {@code
 * subscriptions} subscriptions (one rule each) and mentions at {@code rate} a second, each matching one rule. The
 * baseline from the same run: how long until the same mention is readable on {@code earshot.mentions.enriched}
 * (committed with the same checkpoint as its notification). Each clock runs from the {@code fetchedAt} stamped as the
 * mention is sent to its arrival in this process; the first {@code warmUp} is not counted.
 */
public final class AlertsBenchmark {
    private final Path dir;
    private final double rate;
    private final int subscriptions;
    private final Duration measured;
    private final Duration warmUp;
    private final Duration checkpointInterval;
    private final Duration gather;
    private final PrintStream out;

    public AlertsBenchmark(Path dir, double rate, int subscriptions, Duration measured, Duration warmUp, Duration checkpointInterval, Duration gather,
                           PrintStream out) {
        this.dir = dir;
        this.rate = rate;
        this.subscriptions = subscriptions;
        this.measured = measured;
        this.warmUp = warmUp;
        this.checkpointInterval = checkpointInterval;
        this.gather = gather;
        this.out = out;
    }

    /** Milliseconds per mention on each path, and what the receiver saw. */
    public record Result(long[] alertMillis, long[] enrichedMillis, long sent, long notifications, long repeats, long badSignatures) {
        public double alertP50() {
            return percentile(alertMillis, 0.50);
        }

        public double alertP99() {
            return percentile(alertMillis, 0.99);
        }

        public double enrichedP50() {
            return percentile(enrichedMillis, 0.50);
        }

        public double enrichedP99() {
            return percentile(enrichedMillis, 0.99);
        }
    }

    public Result run() throws Exception {
        String secret = SubscriptionCheck.newSecret();
        Receiver receiver = new Receiver(secret);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), kafka.clientProperties());
            TopicAdmin.ensureTopics(settings, 1, Topics.all());
            try (KafkaProducer<byte[], byte[]> producer = producer(settings)) {
                Instant now = Instant.now();
                for (int i = 0; i < subscriptions; i++) {
                    send(producer, Topics.RULES, new Rule("brand" + i, "brand" + i, "Brand " + i, now));
                    send(producer, Topics.SUBSCRIPTIONS, subscription(i, receiver.url() + "/" + i, secret));
                }
                producer.flush();
            }
            ListenOptions options = new ListenOptions(settings, "earshot-bench-alerts", checkpointInterval, Duration.ofDays(1), 100_000,
                    Duration.ofSeconds(30)).withAlerts(AlertsOptions.defaults().withDelivery(3, Duration.ofMillis(200), Duration.ofSeconds(10))
                    .withRate(1_000_000));
            StreamExecutionEnvironment env = LocalFlink.environment(dir.resolve("checkpoints"), checkpointInterval, 1, true);
            ListenJob.attach(env, options);
            JobClient job = env.executeAsync("earshot-bench-alerts");
            Enriched enriched = new Enriched(settings);
            try {
                IngestBenchmark.awaitRunning(job);
                enriched.start();
                long measureFrom = System.currentTimeMillis() + warmUp.toMillis();
                receiver.measureFrom = measureFrom;
                enriched.measureFrom = measureFrom;
                long sent = produce(settings, measureFrom);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while ((receiver.mentions.get() < sent || enriched.count.get() < sent) && System.nanoTime() < deadline) Thread.sleep(200);
                out.printf("measured: %,d mentions sent; %,d arrived in webhooks, %,d on earshot.mentions.enriched%n", sent, receiver.mentions.get(),
                        enriched.count.get());
                return new Result(receiver.millis(), enriched.millis(), sent, receiver.notifications.get(), receiver.repeats.get(), receiver.bad.get());
            } finally {
                enriched.interrupt();
                LocalFlink.cancel(job, Duration.ofSeconds(60));
                receiver.close();
            }
        }
    }

    private Subscription subscription(int i, String url, String secret) {
        Subscription s = new Subscription();
        s.id = "bench-" + i;
        s.rules = List.of("brand" + i);
        s.condition = new Subscription.Condition("every-match");
        s.condition.maxMentions = 20;
        s.condition.window = gather;
        Subscription.Channel hook = new Subscription.Channel("webhook", url);
        hook.secret = secret;
        hook.allowPrivate = true;
        s.channels = List.of(hook);
        return s;
    }

    /** Sends mentions at the rate, each stamped with the time it is sent; returns how many were sent while measuring. */
    private long produce(KafkaSettings settings, long measureFrom) {
        long total = (long) (rate * (warmUp.toSeconds() + measured.toSeconds()));
        long start = System.nanoTime();
        long counted = 0;
        try (KafkaProducer<byte[], byte[]> producer = producer(settings);
             ProgressBar bar = Progress.bar("mentions at " + (long) rate + "/s", total, " mentions")) {
            for (long i = 0; i < total; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                Instant now = Instant.now();
                Mention m = new Mention();
                m.id = "bench:" + i;
                m.network = "bench";
                m.url = "https://bench.example/posts/" + i;
                m.text = "brand" + (i % subscriptions) + " news number " + i + " about battery " + Long.toHexString(i * 2_654_435_761L);
                m.lang = "en";
                m.publishedAt = now;
                m.fetchedAt = now;
                producer.send(new ProducerRecord<>(Topics.MENTIONS.name(), m.id.getBytes(StandardCharsets.UTF_8), Json.toBytes(m)));
                if (now.toEpochMilli() >= measureFrom) counted++;
                if (i % 1_000 == 0) bar.stepTo(i);
            }
            bar.stepTo(total);
        }
        return counted;
    }

    private static <T> void send(KafkaProducer<byte[], byte[]> producer, Topic<T> topic, T record) {
        producer.send(new ProducerRecord<>(topic.name(), topic.key(record).getBytes(StandardCharsets.UTF_8), topic.serialize(record)));
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaSettings settings) {
        Properties props = settings.toProperties();
        props.setProperty("linger.ms", "1");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The webhook receiver: checks each signature and notes, per mention reported, how long since it was sent. */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final String secret;
        private final Set<String> ids = ConcurrentHashMap.newKeySet();
        private final List<Long> latencies = new ArrayList<>();
        final AtomicLong mentions = new AtomicLong();
        final AtomicLong notifications = new AtomicLong();
        final AtomicLong repeats = new AtomicLong();
        final AtomicLong bad = new AtomicLong();
        volatile long measureFrom = Long.MAX_VALUE;

        Receiver(String secret) throws java.io.IOException {
            this.secret = secret;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/", exchange -> {
                try (exchange) {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    long arrived = System.currentTimeMillis();
                    String id = exchange.getRequestHeaders().getFirst("webhook-id");
                    if (!WebhookSignature.verify(secret, id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                            exchange.getRequestHeaders().getFirst("webhook-signature"), body)) {
                        bad.incrementAndGet();
                    }
                    if (!ids.add(id)) {
                        repeats.incrementAndGet();
                    } else {
                        notifications.incrementAndGet();
                        for (JsonNode m : Json.mapper().readTree(body).path("data").path("mentions")) {
                            long sent = Instant.parse(m.path("fetchedAt").asText()).toEpochMilli();
                            if (sent < measureFrom) continue;
                            mentions.incrementAndGet();
                            synchronized (latencies) {
                                latencies.add(arrived - sent);
                            }
                        }
                    }
                    exchange.sendResponseHeaders(204, -1);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/s";
        }

        long[] millis() {
            synchronized (latencies) {
                return latencies.stream().mapToLong(Long::longValue).toArray();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Reads earshot.mentions.enriched as it is committed, noting per mention how long since it was sent. */
    private static final class Enriched extends Thread {
        private final KafkaSettings settings;
        private final List<Long> latencies = new ArrayList<>();
        final AtomicLong count = new AtomicLong();
        volatile long measureFrom = Long.MAX_VALUE;

        Enriched(KafkaSettings settings) {
            super("bench-enriched-reader");
            setDaemon(true);
            this.settings = settings;
        }

        @Override
        public void run() {
            Properties props = settings.toProperties();
            props.setProperty("isolation.level", "read_committed");
            props.setProperty("max.poll.records", "5000");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.MENTIONS_ENRICHED.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (!isInterrupted()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        long arrived = System.currentTimeMillis();
                        if (r.value() == null) continue;
                        JsonNode fetched = Json.mapper().readTree(r.value()).path("fetchedAt");
                        long sent = Instant.parse(fetched.asText()).toEpochMilli();
                        if (sent < measureFrom) continue;
                        count.incrementAndGet();
                        synchronized (latencies) {
                            latencies.add(arrived - sent);
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // the benchmark is over
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        long[] millis() {
            synchronized (latencies) {
                return latencies.stream().mapToLong(Long::longValue).toArray();
            }
        }
    }

    static double percentile(long[] values, double p) {
        if (values.length == 0) return Double.NaN;
        return DashboardsBenchmark.percentile(Arrays.stream(values).asDoubleStream().sorted().toArray(), p);
    }
}
