package org.earshot.local.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker speaks the transaction protocol Flink's KafkaSink recovers with: a restored job commits a
 * checkpointed transaction by its producer id and epoch, so a commit must leave the epoch as it was (transaction
 * version 1). Under version 2 each commit bumps it, and recommitting a transaction that was already committed is
 * fenced and logged as data loss.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmbeddedKafkaTransactionsTest {
    @TempDir
    Path dir;

    @Test
    void commitsLeaveTheProducerEpochAsItWas() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             Admin admin = Admin.create(client(kafka))) {
            assertThat(admin.describeFeatures().featureMetadata().get().finalizedFeatures()
                    .get(EmbeddedKafka.TRANSACTION_VERSION).maxVersionLevel())
                    .isEqualTo(EmbeddedKafka.KAFKA_SINK_TRANSACTION_VERSION);
            admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();

            Map<String, Object> props = client(kafka);
            props.put("transactional.id", "sink-0-1");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                int[] epochs = new int[2];
                for (int i = 0; i < epochs.length; i++) {
                    producer.beginTransaction();
                    producer.send(new ProducerRecord<>("t", "k", "v" + i)).get();
                    producer.commitTransaction();
                    epochs[i] = admin.describeTransactions(List.of("sink-0-1")).description("sink-0-1").get()
                            .producerEpoch();
                }
                assertThat(epochs[1]).as("the epoch after the second commit").isEqualTo(epochs[0]);
            }
        }
    }

    private static Map<String, Object> client(EmbeddedKafka kafka) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put("bootstrap.servers", kafka.bootstrapServers());
        return props;
    }
}
