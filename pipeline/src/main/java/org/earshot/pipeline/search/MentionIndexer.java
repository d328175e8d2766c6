package org.earshot.pipeline.search;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link MentionIndex} from {@code earshot.mentions.enriched}, read committed, every partition assigned to
 * it (each process that searches keeps a whole copy; no consumer group is shared). It starts where the index's
 * last commit says, applies each record (a mention is put by id, so an edit replaces it; an empty value under a
 * mention id deletes it), makes changes searchable every {@code refreshEvery}, and commits them with the position
 * every {@code commitEvery}. Killed at any point, it resumes from the last commit and ends with the same
 * documents. A record that does not read as a mention is skipped with a warning and counted; it never stops the
 * indexer.
 */
public final class MentionIndexer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(MentionIndexer.class);
    private static final String TOPIC = Topics.MENTIONS_ENRICHED.name();

    private final KafkaSettings kafka;
    private final MentionIndex index;
    private final Duration refreshEvery;
    private final Duration commitEvery;
    private final Duration retention;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    public MentionIndexer(KafkaSettings kafka, MentionIndex index, Duration refreshEvery, Duration commitEvery, Duration retention) {
        this.kafka = kafka;
        this.index = index;
        this.refreshEvery = refreshEvery;
        this.commitEvery = commitEvery;
        this.retention = retention;
    }

    /** Runs on a thread of its own until {@link #close()}. */
    public MentionIndexer start() {
        thread = new Thread(this::runLogged, "earshot-indexer");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Indexes until the topic's end as it was when called, commits, and returns: a rebuild, or a catch-up in a test. */
    public void catchUp() throws IOException {
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            List<TopicPartition> partitions = assign(c);
            Map<TopicPartition, Long> ends = c.endOffsets(partitions);
            while (ends.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
                apply(c.poll(Duration.ofMillis(200)).records(TOPIC));
            }
            commit(c, partitions);
            index.refresh();
        }
    }

    /** Mentions put or deleted so far; records skipped as unreadable. */
    public long applied() {
        return applied.get();
    }

    public long skipped() {
        return skipped.get();
    }

    private void runLogged() {
        try {
            run();
        } catch (WakeupException closing) {
            // close() woke the consumer up
        } catch (Exception e) {
            if (running) LOG.error("the search indexer stopped: {}", e.getMessage(), e);
        }
    }

    private void run() throws IOException {
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            consumer = c;
            List<TopicPartition> partitions = assign(c);
            long lastRefresh = System.nanoTime();
            long lastCommit = System.nanoTime();
            boolean unrefreshed = false;
            boolean uncommitted = false;
            while (running) {
                boolean any = apply(c.poll(Duration.ofMillis(100)).records(TOPIC));
                unrefreshed |= any;
                uncommitted |= any;
                long now = System.nanoTime();
                if (unrefreshed && now - lastRefresh >= refreshEvery.toNanos()) {
                    index.refresh();
                    lastRefresh = now;
                    unrefreshed = false;
                }
                if (uncommitted && now - lastCommit >= commitEvery.toNanos()) {
                    commit(c, partitions);
                    lastCommit = now;
                    uncommitted = false;
                }
            }
        }
    }

    /** Expires what is past retention and commits every change with where the consumer stands in each partition. */
    private void commit(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> partitions) throws IOException {
        Map<Integer, Long> positions = new HashMap<>();
        partitions.forEach(p -> positions.put(p.partition(), c.position(p)));
        expire();
        index.commit(positions);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = kafka.toProperties();
        props.setProperty("isolation.level", "read_committed");
        props.setProperty("enable.auto.commit", "false");
        props.setProperty("max.poll.records", "2000");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Every partition of the topic, each at the index's position (or its beginning). */
    private List<TopicPartition> assign(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> partitions = c.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
        c.assign(partitions);
        Map<Integer, Long> positions = index.positions();
        for (TopicPartition p : partitions) {
            Long at = positions.get(p.partition());
            if (at == null) c.seekToBeginning(List.of(p));
            else c.seek(p, at);
        }
        return partitions;
    }

    private boolean apply(Iterable<ConsumerRecord<byte[], byte[]>> records) throws IOException {
        boolean any = false;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            any = true;
            if (r.value() == null || r.value().length == 0) {
                if (r.key() != null) index.delete(new String(r.key(), StandardCharsets.UTF_8));
                applied.incrementAndGet();
                continue;
            }
            Mention m;
            try {
                m = Topics.MENTIONS_ENRICHED.deserialize(r.value());
            } catch (IOException e) {
                m = null;
            }
            if (m == null || m.id == null) {
                skipped.incrementAndGet();
                LOG.warn("search index: skipped {}-{}@{}, not a mention", TOPIC, r.partition(), r.offset());
                continue;
            }
            index.put(m);
            applied.incrementAndGet();
        }
        return any;
    }

    private void expire() throws IOException {
        if (retention != null) index.expire(Instant.now().minus(retention));
    }

    /**
     * Stops the background thread, then indexes up to the topic's end and commits: an orderly stop, after which
     * another process sees everything the topic held.
     */
    public void finish() throws IOException {
        close();
        catchUp();
    }

    /** Stops the indexer without a last commit, as a crash would: what came after the last one is applied again next time. */
    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) c.wakeup();
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
