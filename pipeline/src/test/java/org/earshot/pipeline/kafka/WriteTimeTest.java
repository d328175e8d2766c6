package org.earshot.pipeline.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.earshot.schemas.MentionBuilder.post;

import java.time.Instant;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;

/**
 * The sinks ({@link KafkaTopics#sink}) leave the timestamp to the producer, which stamps the time of writing: given the event time of a mention
 * published a year ago, the broker's retention would delete the record at its next check.
 */
class WriteTimeTest {
    private static final Long A_YEAR_AGO = Instant.now().minusSeconds(365L * 24 * 3600).toEpochMilli();

    @Test
    void enrichedMentionsAndTombstonesAreNotStampedWithTheirEventTime() {
        assertThat(KafkaTopics.stampedWhenWritten(EnrichedRecord.serializer()).serialize(EnrichedRecord.of(post("mastodon:1").text("acme").build()), null, A_YEAR_AGO)
                .timestamp()).isNull();
        assertThat(KafkaTopics.stampedWhenWritten(EnrichedRecord.serializer()).serialize(EnrichedRecord.deletion("mastodon:1"), null, A_YEAR_AGO).timestamp()).isNull();
    }

    @Test
    void topicRecordsAreNotStampedWithTheirEventTime() {
        assertThat(KafkaTopics.stampedWhenWritten(new TopicSerializationSchema<>(Topics.MENTIONS_ENRICHED)).serialize(post("mastodon:1").text("acme").build(), null, A_YEAR_AGO)
                .timestamp()).isNull();
    }
}
