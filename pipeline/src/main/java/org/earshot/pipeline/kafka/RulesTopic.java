package org.earshot.pipeline.kafka;

import java.util.SortedMap;
import org.earshot.schemas.Rule;
import org.earshot.schemas.Topics;

/**
 * The rules as the compacted topic {@code earshot.rules} holds them: put and delete (a tombstone)
 * one rule, and read all live ones. What {@code earshot rules add|list|show|rm} and the demo use;
 * the Listen job reads the same topic as a stream.
 */
public final class RulesTopic extends CompactedTopic<Rule> {
    public RulesTopic(KafkaSettings settings) {
        super(settings, Topics.RULES);
    }

    /** Adds or replaces the rule with {@code rule.id}, acknowledged by every in-sync replica. */
    public void put(Rule rule) {
        if (!Rule.validId(rule.id)) throw new IllegalArgumentException("rule id '" + rule.id + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        put(rule.id, rule);
    }

    /** Folds one record of the topic into {@code rules}: the rule's latest version, or its deletion. */
    public static void apply(SortedMap<String, Rule> rules, byte[] key, byte[] value) {
        apply(Topics.RULES, rules, key, value);
    }
}
