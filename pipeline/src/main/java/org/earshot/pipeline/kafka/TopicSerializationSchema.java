package org.earshot.pipeline.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.earshot.schemas.Topic;

/** Writes records to their topic as JSON, keyed the way the topic descriptor says. */
final class TopicSerializationSchema<T> implements KafkaRecordSerializationSchema<T> {
    private final Topic<T> topic;

    TopicSerializationSchema(Topic<T> topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic.name(), null, timestamp,
                topic.key(record).getBytes(StandardCharsets.UTF_8), topic.serialize(record));
    }
}
