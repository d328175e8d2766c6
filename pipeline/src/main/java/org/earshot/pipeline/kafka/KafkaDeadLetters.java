package org.earshot.pipeline.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.earshot.pipeline.clickhouse.sink.DeadLetterChannel;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Topics;

/**
 * Dead letters from places outside a Flink data stream (sink committers) to {@code
 * earshot.deadletters}, with an idempotent producer: at least once, flushed before the commit
 * that refused them returns.
 */
public record KafkaDeadLetters(KafkaSettings kafka) implements DeadLetterChannel {
    @Override
    public Writer open() {
        var props = kafka.toProperties();
        props.setProperty("enable.idempotence", "true");
        props.setProperty("acks", "all");
        props.putIfAbsent("max.request.size", String.valueOf(KafkaSettings.MAX_RECORD_BYTES));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        return new Writer() {
            private final List<Future<RecordMetadata>> pending = new ArrayList<>();

            @Override
            public void send(DeadLetter letter) {
                pending.add(producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(),
                        Topics.DEAD_LETTERS.key(letter).getBytes(StandardCharsets.UTF_8), Topics.DEAD_LETTERS.serialize(letter))));
            }

            @Override
            public void flush() throws IOException {
                producer.flush();
                try {
                    for (Future<RecordMetadata> sent : pending) sent.get();
                } catch (ExecutionException e) {
                    throw new IOException("cannot store a dead letter in " + Topics.DEAD_LETTERS.name() + ": " + e.getCause().getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while storing dead letters", e);
                } finally {
                    pending.clear();
                }
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }
}
