package org.earshot.jobs.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;

/** Writes webhook mentions to {@code earshot.mentions} (key = id) and waits for every acknowledgement. */
public final class KafkaMentionWriter implements WebhookServer.Writer, AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;

    public KafkaMentionWriter(KafkaSettings settings) {
        Properties props = settings.toProperties();
        props.setProperty("acks", "all");
        props.setProperty("enable.idempotence", "true");
        props.setProperty("request.timeout.ms", "15000");
        props.setProperty("delivery.timeout.ms", "25000");
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void write(List<Mention> mentions) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(mentions.size());
        for (Mention m : mentions) {
            sent.add(producer.send(new ProducerRecord<>(Topics.MENTIONS.name(), m.id.getBytes(StandardCharsets.UTF_8), Json.toBytes(m))));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) f.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
