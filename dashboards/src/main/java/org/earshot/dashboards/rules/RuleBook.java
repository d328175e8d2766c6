package org.earshot.dashboards.rules;

import java.time.Duration;
import java.util.SortedMap;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.schemas.Rule;

/**
 * The rules, read from {@code earshot.rules} (where the Listen job reads them) and kept for a second, so that a
 * page that asks for them several times reads the topic once. A write goes to the topic and forgets the copy.
 */
public final class RuleBook {
    private static final Duration FRESH = Duration.ofSeconds(1);

    private final RulesTopic topic;
    private SortedMap<String, Rule> rules;
    private long readAt;

    public RuleBook(RulesTopic topic) {
        this.topic = topic;
    }

    public synchronized SortedMap<String, Rule> all() {
        if (rules == null || System.nanoTime() - readAt > FRESH.toNanos()) {
            rules = topic.readAll();
            readAt = System.nanoTime();
        }
        return rules;
    }

    public synchronized void put(Rule rule) {
        topic.put(rule);
        rules = null;
    }

    public synchronized void delete(String id) {
        topic.delete(id);
        rules = null;
    }
}
