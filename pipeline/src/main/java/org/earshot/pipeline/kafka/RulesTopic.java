package org.earshot.pipeline.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.earshot.schemas.Rule;
import org.earshot.schemas.Topics;

/**
 * The rules as the compacted topic {@code earshot.rules} holds them: put and delete (a tombstone)
 * one rule, and read all live ones. What {@code earshot rules add|list|show|rm} and the demo use;
 * the Listen job reads the same topic as a stream.
 */
public final class RulesTopic {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSettings settings;

    public RulesTopic(KafkaSettings settings) {
        this.settings = settings;
    }

    /** Adds or replaces the rule with {@code rule.id}, acknowledged by every in-sync replica. */
    public void put(Rule rule) {
        if (!Rule.validId(rule.id)) throw new IllegalArgumentException("rule id '" + rule.id + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        send(rule.id, Topics.RULES.serialize(rule));
    }

    /** Deletes the rule with this id (a tombstone; compaction removes the rule's history). */
    public void delete(String id) {
        send(id, null);
    }

    /** Every live rule by id: the latest record per key, without the deleted ones. */
    public SortedMap<String, Rule> readAll() {
        Properties props = settings.toProperties();
        props.setProperty("isolation.level", "read_committed");
        props.setProperty("fetch.max.wait.ms", "50"); // at the end of a small topic, not half a second more (closing waits for it too)
        SortedMap<String, Rule> rules = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RULES.name(), TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("timed out reading " + Topics.RULES.name());
                consumer.poll(Duration.ofMillis(200)).forEach(r -> apply(rules, r.key(), r.value()));
            }
        }
        return rules;
    }

    /** Folds one record of the topic into {@code rules}: the rule's latest version, or its deletion. */
    public static void apply(SortedMap<String, Rule> rules, byte[] key, byte[] value) {
        if (key == null) return;
        String id = new String(key, StandardCharsets.UTF_8);
        if (value == null || value.length == 0) {
            rules.remove(id);
            return;
        }
        try {
            rules.put(id, Topics.RULES.deserialize(value));
        } catch (IOException e) {
            // Not a rule: the Listen job dead-letters it and keeps the previous version, as here.
        }
    }

    private void send(String id, byte[] value) {
        Properties props = settings.toProperties();
        props.setProperty("acks", "all");
        props.setProperty("enable.idempotence", "true");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RULES.name(), id.getBytes(StandardCharsets.UTF_8), value))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write rule " + id + " to " + Topics.RULES.name() + " on Kafka at "
                    + settings.bootstrapServers() + ": " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing rule " + id, e);
        }
    }
}
