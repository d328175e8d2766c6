package org.earshot.dashboards.rules;

import java.time.Duration;
import java.util.SortedMap;
import java.util.concurrent.locks.ReentrantLock;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.schemas.Rule;

/**
 * The rules, read from {@code earshot.rules} (where the Listen job reads them) and kept for a second, so that the
 * requests of a page read the topic once. While one request reads it again, the others use the copy they have
 * rather than wait. A write goes to the topic and forgets the copy, so this server sees its own writes at once.
 */
public final class RuleBook {
    private static final Duration FRESH = Duration.ofSeconds(1);

    private final RulesTopic topic;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile SortedMap<String, Rule> rules;
    private volatile long readAt;

    public RuleBook(RulesTopic topic) {
        this.topic = topic;
    }

    public SortedMap<String, Rule> all() {
        SortedMap<String, Rule> kept = rules;
        if (kept != null && System.nanoTime() - readAt < FRESH.toNanos()) return kept;
        if (kept != null && !reading.tryLock()) return kept; // another request is reading the topic
        if (kept == null) reading.lock();
        try {
            SortedMap<String, Rule> current = rules;
            if (current == null || System.nanoTime() - readAt >= FRESH.toNanos()) {
                current = topic.readAll();
                readAt = System.nanoTime();
                rules = current;
            }
            return current;
        } finally {
            reading.unlock();
        }
    }

    public void put(Rule rule) {
        topic.put(rule);
        rules = null;
    }

    public void delete(String id) {
        topic.delete(id);
        rules = null;
    }
}
