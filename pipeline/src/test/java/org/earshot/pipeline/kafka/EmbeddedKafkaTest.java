package org.earshot.pipeline.kafka;

import org.earshot.local.kafka.EmbeddedKafka;

import org.earshot.pipeline.testing.TestKafka;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class EmbeddedKafkaTest {
    @TempDir
    Path dir;

    @Test
    void servesProducersAndConsumersAndKeepsDataAcrossRestarts() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            TopicAdmin.ensureTopics(TestKafka.settings(kafka), 2, Topics.all());
            TopicAdmin.ensureTopics(TestKafka.settings(kafka), 2, Topics.all()); // idempotent
            produce(TestKafka.settings(kafka), "hello", "wörld 🌍");
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
            try (Admin admin = Admin.create(TestKafka.settings(kafka).toProperties())) {
                assertThat(admin.listTopics().names().get()).containsAll(Topics.all().stream().map(t -> t.name()).toList());
                assertThat(admin.describeTopics(List.of(Topics.MENTIONS.name())).allTopicNames().get()
                        .get(Topics.MENTIONS.name()).partitions()).hasSize(2);
            }
            assertThat(consumeAll(TestKafka.settings(kafka), 2, 2)).containsExactlyInAnyOrder("hello", "wörld 🌍");
        }
    }

    @Test
    void aClientWithoutThePasswordCanNeitherListNorReadNorWrite() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
            TopicAdmin.ensureTopics(TestKafka.settings(kafka), 1, Topics.all());
            produce(TestKafka.settings(kafka), "secret mention");
            for (KafkaSettings stranger : List.of(KafkaSettings.of(kafka.bootstrapServers()),
                    new KafkaSettings(kafka.bootstrapServers(), EmbeddedKafka.clientProperties("not-the-password-at-all")))) {
                Properties props = stranger.toProperties();
                props.setProperty("request.timeout.ms", "3000");
                props.setProperty("default.api.timeout.ms", "5000");
                try (Admin admin = Admin.create(props)) {
                    assertThatThrownBy(() -> admin.listTopics().names().get(10, java.util.concurrent.TimeUnit.SECONDS))
                            .as("listing topics as %s", stranger).isNotNull();
                }
                props.setProperty("max.block.ms", "5000");
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                    assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.MENTIONS.name(), "x", "forged")).get(10, java.util.concurrent.TimeUnit.SECONDS))
                            .as("writing as %s", stranger).isNotNull();
                }
            }
            assertThat(consumeAll(TestKafka.settings(kafka), 1, 1)).containsExactly("secret mention");
            assertThat(TestKafka.settings(kafka).toString()).doesNotContain(TestKafka.settings(kafka).clientProperties().get("sasl.jaas.config")).contains("[hidden]");
        }
    }

    @Test
    void aSecondBrokerOnTheSameDirectoryIsRefusedWithAClearError() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
            assertThatThrownBy(() -> EmbeddedKafka.start(dir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(dir.toString());
        }
    }

    private static void produce(KafkaSettings settings, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings.toProperties(), new StringSerializer(), new StringSerializer())) {
            for (String v : values) producer.send(new ProducerRecord<>(Topics.MENTIONS.name(), v, v)).get();
        }
    }

    private static List<String> consumeAll(KafkaSettings settings, int partitionCount, int expected) {
        Properties props = settings.toProperties();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = java.util.stream.IntStream.range(0, partitionCount)
                    .mapToObj(p -> new TopicPartition(Topics.MENTIONS.name(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> values = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (values.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(r.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
                }
            }
            return values;
        }
    }
}
