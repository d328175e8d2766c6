package org.earshot.pipeline.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.earshot.schemas.Topic;

/** Creates Earshot's topics where they are missing, with their partitioning and cleanup policy. */
public final class TopicAdmin {
    private TopicAdmin() {}

    /**
     * Creates each topic that does not exist yet. Existing topics are left as they are, so an
     * operator's own partitioning of a real cluster is respected.
     */
    public static void ensureTopics(KafkaSettings settings, int partitions, Collection<? extends Topic<?>> topics) {
        ensure(settings, topics.stream().map(t -> newTopic(t.name(), partitions, t.compacted())).toList());
    }

    /** Creates one topic outside Earshot's own set (a benchmark's scratch topic, say) if it is missing. */
    public static void ensureTopic(KafkaSettings settings, String name, int partitions, boolean compacted) {
        ensure(settings, List.of(newTopic(name, partitions, compacted)));
    }

    private static NewTopic newTopic(String name, int partitions, boolean compacted) {
        return new NewTopic(name, partitions, (short) -1).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE,
                // A dead letter carries a whole refused record, base64-encoded: more than the 1 MB default.
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(KafkaSettings.MAX_RECORD_BYTES)));
    }

    /**
     * Waits until every partition of the new topics has a leader. The controller answers a create
     * before the broker serves the partitions; a producer that starts at once gets some batches
     * refused as not-leader while later ones land, and an idempotent producer then loses the
     * refused ones to out-of-order sequence errors.
     */
    private static void awaitLeaders(Admin admin, List<String> names) throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            boolean ready;
            try {
                ready = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                        .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) throw e;
                ready = false; // not in the broker's metadata yet
            }
            if (ready) return;
            if (System.nanoTime() > deadline) throw new TimeoutException("partitions of " + names + " have no leader after 30 s");
            Thread.sleep(50);
        }
    }

    private static void ensure(KafkaSettings settings, List<NewTopic> topics) {
        try (Admin admin = Admin.create(settings.toProperties())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) return;
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e;
            }
            awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics on Kafka at " + settings.bootstrapServers()
                    + ": " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
