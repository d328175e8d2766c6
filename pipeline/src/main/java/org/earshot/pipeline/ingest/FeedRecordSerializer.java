package org.earshot.pipeline.ingest;

import org.earshot.schemas.FeedRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.earshot.schemas.Topic;

/** Writes payloads as they are, malformed ones included: judging them is the Listen job's work. */
public final class FeedRecordSerializer implements KafkaRecordSerializationSchema<FeedRecord> {
    private final String topic;

    public FeedRecordSerializer(Topic<?> topic) {
        this.topic = topic.name();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(FeedRecord record, KafkaSinkContext context, Long timestamp) {
        byte[] key = record.key == null ? null : record.key.getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, timestamp, key, record.value);
    }
}
