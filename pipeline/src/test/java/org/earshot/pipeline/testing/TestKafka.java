package org.earshot.pipeline.testing;

import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.kafka.KafkaSettings;

/** How Earshot's Kafka clients reach a test's embedded broker. */
public final class TestKafka {
    private TestKafka() {}

    public static KafkaSettings settings(EmbeddedKafka kafka) {
        return new KafkaSettings(kafka.bootstrapServers(), kafka.clientProperties());
    }
}
