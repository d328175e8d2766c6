package org.earshot.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.earshot.schemas.FeedRecord;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.schemas.Topic;

/** Produces feed records and reads whole topics (committed records only) in tests. */
public final class KafkaTestClient {
    private final KafkaSettings settings;

    public KafkaTestClient(KafkaSettings settings) {
        this.settings = settings;
    }

    /** Produces in order, one partition's order preserved, and waits for every acknowledgement. */
    public void produce(Topic<?> topic, List<FeedRecord> records) {
        Properties props = settings.toProperties();
        props.setProperty("acks", "all");
        props.setProperty("linger.ms", "5");
        // One batch in flight: when a broker dies, a batch whose answer was lost is sent again, and the leader then
        // knows it for a repeat only if it is among the last five it took. With five in flight, later batches got in
        // first and pushed it out, and the leader refused it as out of order until it expired (ClusterIT, twice).
        props.setProperty("max.in.flight.requests.per.connection", "1");
        List<Future<?>> sent = new ArrayList<>(records.size());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (FeedRecord r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic.name(), r.key == null ? null : r.key.getBytes(StandardCharsets.UTF_8), r.value)));
            }
            producer.flush();
            // A record the broker refused is the test's input lost: fail here, naming why, not later as a missing mention.
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("record " + i + " of " + records.size() + " to " + topic.name() + " was refused: "
                            + e.getCause() + System.lineSeparator() + replicas(topic), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Produces typed records, serialized and keyed as their topic says, and waits for every acknowledgement. */
    public <T> void produceRecords(Topic<T> topic, List<T> records) {
        produce(topic, records.stream().map(r -> {
            FeedRecord f = new FeedRecord();
            f.key = topic.key(r);
            f.value = topic.serialize(r);
            return f;
        }).toList());
    }

    /**
     * Reads {@code topic} from the beginning until {@code done} holds for what was read, then goes on
     * reading for {@code quiet} to catch anything extra (a duplicate would show up there).
     */
    public <T> List<T> readAll(Topic<T> topic, Predicate<List<T>> done, Duration timeout, Duration quiet) throws Exception {
        Properties props = settings.toProperties();
        props.setProperty("isolation.level", "read_committed");
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(topic.deserialize(r.value()));
                }
                if (quietUntil == Long.MAX_VALUE && done.test(out)) quietUntil = System.nanoTime() + quiet.toNanos();
            }
        }
        return out;
    }

    /**
     * Waits until every partition of every topic, internal ones included, has all its replicas in sync: only then may
     * one broker die without leaving a partition short of {@code min.insync.replicas}, as an operator checks for no
     * under-replicated partitions before taking a broker down.
     */
    public void awaitInSync(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(settings.toProperties())) {
            List<String> names = List.copyOf(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS));
            while (!underReplicated(admin, names).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("partitions still under-replicated after " + timeout + ": " + underReplicated(admin, names));
                }
                Thread.sleep(200);
            }
        }
    }

    /** Each partition of {@code topic}: its leader, replicas and those in sync, or why they cannot be described. */
    public String replicas(Topic<?> topic) {
        try (Admin admin = Admin.create(settings.toProperties())) {
            StringBuilder report = new StringBuilder();
            for (TopicPartitionInfo p : describe(admin, List.of(topic.name())).get(topic.name()).partitions()) {
                report.append(String.format("%s-%d: leader %s, replicas %s, in sync %s%n", topic.name(), p.partition(),
                        p.leader() == null ? "none" : p.leader().id(), ids(p.replicas()), ids(p.isr())));
            }
            return report.toString();
        } catch (Exception e) {
            return "cannot describe " + topic.name() + ": " + e;
        }
    }

    private static List<String> underReplicated(Admin admin, List<String> names) throws Exception {
        List<String> out = new ArrayList<>();
        describe(admin, names).forEach((name, description) -> description.partitions().stream()
                .filter(p -> p.leader() == null || p.isr().size() < p.replicas().size())
                .forEach(p -> out.add(name + "-" + p.partition() + " in sync " + ids(p.isr()) + " of " + ids(p.replicas()))));
        return out;
    }

    private static Map<String, TopicDescription> describe(Admin admin, List<String> names) throws Exception {
        return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    /**
     * Where the records whose key is among {@code keys} sit when read uncommitted, and each partition's last stable
     * offset (what read-committed consumers may read up to) beside its end: tells a hanging transaction (stable offset
     * short of the end), an aborted one (found, but below the stable offset) and records never written (not found).
     */
    public String whereUncommitted(Topic<?> topic, Collection<String> keys) {
        Set<String> wanted = new HashSet<>(keys);
        Properties props = settings.toProperties();
        props.setProperty("isolation.level", "read_uncommitted");
        Properties committed = settings.toProperties();
        committed.setProperty("isolation.level", "read_committed");
        StringBuilder report = new StringBuilder();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaConsumer<byte[], byte[]> stable = new KafkaConsumer<>(committed, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> stableEnds = stable.endOffsets(partitions);
            Map<Integer, List<Long>> found = new TreeMap<>();
            Set<String> foundKeys = new HashSet<>();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                    if (!wanted.contains(key)) continue;
                    found.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.offset());
                    foundKeys.add(key);
                }
            }
            for (TopicPartition p : partitions) {
                List<Long> offsets = found.getOrDefault(p.partition(), List.of());
                report.append(String.format("partition %d: end %d, last stable offset %d; %d of the keys found uncommitted%s%n",
                        p.partition(), ends.get(p), stableEnds.get(p), offsets.size(),
                        offsets.isEmpty() ? "" : " at offsets " + offsets.get(0) + "…" + offsets.get(offsets.size() - 1)));
            }
            report.append(String.format("%d of %d keys not in the topic at all%n", wanted.size() - foundKeys.size(), wanted.size()));
        } catch (RuntimeException e) {
            report.append("cannot read ").append(topic.name()).append(" uncommitted: ").append(e);
        }
        return report.toString();
    }
}
