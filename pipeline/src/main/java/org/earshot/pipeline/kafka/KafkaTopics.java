package org.earshot.pipeline.kafka;

import java.time.Duration;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.earshot.schemas.Topic;

/**
 * Flink sources and sinks for Earshot's topics. Sinks are exactly-once (Kafka transactions
 * committed on checkpoints) and sources read committed records only, so a job restarted from a
 * checkpoint neither loses nor repeats a record.
 */
public final class KafkaTopics {
    /** Kept below the broker's default {@code transaction.max.timeout.ms} (15 minutes). */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    private KafkaTopics() {}

    /**
     * Reads a topic's raw records from the committed group offsets, or from the earliest record for
     * a new group. A job restored from a checkpoint resumes from the checkpointed offsets instead.
     */
    public static KafkaSource<RawRecord> rawSource(KafkaSettings settings, Topic<?> topic, String groupId) {
        Properties consumer = new Properties();
        // Bigger hand-overs from the fetcher thread to the task: the default 500 records per poll
        // starves the pipeline at tens of thousands of mentions per second. kafka.client.* settings win.
        consumer.setProperty("max.poll.records", "5000");
        consumer.setProperty("max.partition.fetch.bytes", String.valueOf(8 * 1024 * 1024));
        consumer.setProperty("partition.discovery.interval.ms", "60000");
        consumer.putAll(settings.toProperties());
        return KafkaSource.<RawRecord>builder()
                .setProperties(consumer)
                .setBootstrapServers(settings.bootstrapServers())
                .setTopics(topic.name())
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                // Exactly once depends on it, whatever the client settings say.
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new RawRecordDeserializer())
                .build();
    }

    /**
     * Reads a compacted topic whole: from its earliest record on a fresh start, since the topic
     * is the complete current state (rules, say), and from the checkpointed offsets on a restore.
     */
    public static KafkaSource<RawRecord> compactedSource(KafkaSettings settings, Topic<?> topic, String groupId) {
        if (!topic.compacted()) throw new IllegalArgumentException(topic + " is not compacted");
        return KafkaSource.<RawRecord>builder()
                .setProperties(settings.toProperties())
                .setBootstrapServers(settings.bootstrapServers())
                .setTopics(topic.name())
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "60000")
                .setDeserializer(new RawRecordDeserializer())
                .build();
    }

    /** An exactly-once sink writing JSON records keyed as the topic says. */
    public static <T> KafkaSink<T> sink(KafkaSettings settings, Topic<T> topic, String transactionalIdPrefix) {
        return sink(settings, new TopicSerializationSchema<>(topic), transactionalIdPrefix);
    }

    /** An exactly-once sink with a serializer of the caller's (for pre-serialized payloads). */
    public static <T> KafkaSink<T> sink(KafkaSettings settings, KafkaRecordSerializationSchema<T> serializer,
                                        String transactionalIdPrefix) {
        Properties producer = settings.toProperties();
        producer.setProperty("transaction.timeout.ms", String.valueOf(TRANSACTION_TIMEOUT.toMillis()));
        // Throughput defaults; kafka.client.* settings win.
        producer.putIfAbsent("linger.ms", "5");
        producer.putIfAbsent("batch.size", String.valueOf(256 * 1024));
        producer.putIfAbsent("compression.type", "lz4");
        producer.putIfAbsent("max.request.size", String.valueOf(KafkaSettings.MAX_RECORD_BYTES));
        return KafkaSink.<T>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(stampedWhenWritten(serializer))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }

    /**
     * {@code serializer} handed no timestamp, so the producer stamps each record with the time it is written. Flink
     * would hand it the record's event time, a mention's publication, and the broker deletes by these stamps: a mention
     * published longer ago than the topic's retention (7 days by default; a backfill, a replay, the tests' mentions of
     * January) landed in a segment already past it and was deleted at the next retention check, uncommitted or not. In
     * ClusterIT the enriched topic lost whole parts of its mentions so, while ClickHouse held them all.
     */
    static <T> KafkaRecordSerializationSchema<T> stampedWhenWritten(KafkaRecordSerializationSchema<T> serializer) {
        return new KafkaRecordSerializationSchema<>() {
            @Override
            public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) throws Exception {
                serializer.open(context, sinkContext);
            }

            @Override
            public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long eventTime) {
                return serializer.serialize(element, context, null);
            }
        };
    }
}
