package org.earshot.pipeline.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Json;
import org.earshot.schemas.Topics;

/**
 * Where each record of the network sources goes: a mention to {@code earshot.mentions} keyed by
 * its id; a deletion there too, as a tombstone (the id as key, no value); a payload that could not
 * be read to {@code earshot.deadletters}, stage {@code ingest}, with the source and the reason.
 */
public final class IngestedSerializer implements KafkaRecordSerializationSchema<Ingested> {
    public static final String STAGE = "ingest";

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Ingested record, KafkaSinkContext context, Long timestamp) {
        return switch (record.kind) {
            case MENTION -> new ProducerRecord<>(Topics.MENTIONS.name(), null, timestamp,
                    utf8(record.mention.id), Json.toBytes(record.mention));
            case DELETION -> new ProducerRecord<>(Topics.MENTIONS.name(), null, timestamp, utf8(record.deletedId), (byte[]) null);
            case PROBLEM -> new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, timestamp, utf8(record.source),
                    Json.toBytes(new DeadLetter(record.payload, record.source, -1, -1, STAGE, record.reason, Instant.now())));
        };
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
