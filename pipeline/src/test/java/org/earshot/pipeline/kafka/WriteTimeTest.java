package org.earshot.pipeline.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.earshot.schemas.MentionBuilder.post;

import java.time.Instant;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;

/**
 * The sinks ({@link KafkaTopics#sink}) leave the timestamp to the producer, which stamps the time of writing: given
 * the event time of a mention published a year ago, the broker's retention would delete the record at its next check.
 */
class WriteTimeTest {
    private static final Long A_YEAR_AGO = Instant.now().minusSeconds(365L * 24 * 3600).toEpochMilli();

    @Test
    void enrichedMentionsAndTombstonesAreNotStampedWithTheirEventTime() {
        assertThat(stampOf(EnrichedRecord.serializer(), EnrichedRecord.of(post("mastodon:1").text("acme").build()))).isNull();
        assertThat(stampOf(EnrichedRecord.serializer(), EnrichedRecord.deletion("mastodon:1"))).isNull();
    }

    @Test
    void topicRecordsAreNotStampedWithTheirEventTime() {
        assertThat(stampOf(new TopicSerializationSchema<>(Topics.MENTIONS_ENRICHED), post("mastodon:1").text("acme").build())).isNull();
    }

    /** The timestamp of the record the sink's serializer makes of {@code element}, handed the event time of a year ago. */
    private static <T> Long stampOf(KafkaRecordSerializationSchema<T> serializer, T element) {
        return KafkaTopics.stampedWhenWritten(serializer).serialize(element, null, A_YEAR_AGO).timestamp();
    }
}
