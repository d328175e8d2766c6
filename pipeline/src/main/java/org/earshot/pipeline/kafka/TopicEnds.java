package org.earshot.pipeline.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Where a topic ends now, as a {@code read_committed} reader sees it: partition → the offset after its last record. */
public final class TopicEnds {
    private TopicEnds() {}

    /** Empty when the topic does not exist; throws when Kafka cannot be asked within 30 seconds. */
    public static Map<Integer, Long> of(KafkaSettings kafka, String topic) throws InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(kafka.toProperties())) {
            TopicDescription description = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
            return ends;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) return Map.of();
            throw new IllegalStateException("cannot read where " + topic + " ends: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
