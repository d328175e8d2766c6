package org.earshot.pipeline.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.earshot.pipeline.types.MentionTypes;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;

/**
 * What the Listen job writes to {@code earshot.mentions.enriched}: an enriched mention, or the deletion of one (a
 * tombstone: the mention id as the key, no value), so that every reader of the topic, the search index among them,
 * forgets a deleted post.
 */
public class EnrichedRecord {
    /** Flink's POJO serializer, with Earshot's own for the mention (no Kryo). */
    public static final TypeInformation<EnrichedRecord> TYPE =
            Types.POJO(EnrichedRecord.class, Map.of("deletedId", Types.STRING, "mention", MentionTypes.MENTION));

    public String deletedId;
    public Mention mention;

    public EnrichedRecord() {}

    public static EnrichedRecord of(Mention mention) {
        EnrichedRecord r = new EnrichedRecord();
        r.mention = mention;
        return r;
    }

    public static EnrichedRecord deletion(String mentionId) {
        EnrichedRecord r = new EnrichedRecord();
        r.deletedId = mentionId;
        return r;
    }

    /** Mentions as JSON under their id, deletions as tombstones under theirs. */
    public static KafkaRecordSerializationSchema<EnrichedRecord> serializer() {
        return (record, context, timestamp) -> record.mention != null
                ? new ProducerRecord<>(Topics.MENTIONS_ENRICHED.name(), null, timestamp,
                        Topics.MENTIONS_ENRICHED.key(record.mention).getBytes(StandardCharsets.UTF_8), Topics.MENTIONS_ENRICHED.serialize(record.mention))
                : new ProducerRecord<>(Topics.MENTIONS_ENRICHED.name(), null, timestamp, record.deletedId.getBytes(StandardCharsets.UTF_8), (byte[]) null);
    }
}
