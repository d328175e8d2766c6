package org.earshot.pipeline.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.earshot.schemas.Topic;

/**
 * A compacted topic as a table: put and delete (a tombstone) one record by id, and read all live ones. The rules and
 * the alert subscriptions live this way; the Listen job reads the same topics as streams.
 */
public class CompactedTopic<T> {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSettings settings;
    private final Topic<T> topic;

    public CompactedTopic(KafkaSettings settings, Topic<T> topic) {
        if (!topic.compacted()) throw new IllegalArgumentException(topic + " is not compacted");
        this.settings = settings;
        this.topic = topic;
    }

    /** Adds or replaces the record with this id, acknowledged by every in-sync replica. */
    public void put(String id, T record) {
        send(id, topic.serialize(record));
    }

    /** Deletes the record with this id (a tombstone; compaction removes its history). */
    public void delete(String id) {
        send(id, null);
    }

    /** Every live record by id: the latest per key, without the deleted ones. */
    public SortedMap<String, T> readAll() {
        Properties props = settings.toProperties();
        props.setProperty("isolation.level", "read_committed");
        props.setProperty("fetch.max.wait.ms", "50"); // at the end of a small topic, not half a second more (closing waits for it too)
        SortedMap<String, T> records = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("timed out reading " + topic.name());
                consumer.poll(Duration.ofMillis(200)).forEach(r -> apply(topic, records, r.key(), r.value()));
            }
        }
        return records;
    }

    /** Folds one record of the topic into {@code records}: the latest version, or its deletion. */
    public static <T> void apply(Topic<T> topic, SortedMap<String, T> records, byte[] key, byte[] value) {
        if (key == null) return;
        String id = new String(key, StandardCharsets.UTF_8);
        if (value == null || value.length == 0) {
            records.remove(id);
            return;
        }
        try {
            records.put(id, topic.deserialize(value));
        } catch (IOException e) {
            // Not a valid record: the Listen job dead-letters it and keeps the previous version, as here.
        }
    }

    private void send(String id, byte[] value) {
        send(settings, topic, id, value);
    }

    /** Writes one record (a null value: a tombstone), acknowledged by every in-sync replica; fails with the reason. */
    public static void send(KafkaSettings settings, Topic<?> topic, String key, byte[] value) {
        Properties props = settings.toProperties();
        props.setProperty("acks", "all");
        props.setProperty("enable.idempotence", "true");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), value))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write " + key + " to " + topic.name() + " on Kafka at "
                    + settings.bootstrapServers() + ": " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + key + " to " + topic.name(), e);
        }
    }
}
