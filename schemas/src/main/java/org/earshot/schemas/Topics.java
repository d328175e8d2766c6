package org.earshot.schemas;

import java.util.List;

/** Every Kafka topic Earshot reads or writes. */
public final class Topics {
    private Topics() {}

    /** Canonical mentions from every source, keyed by mention id. */
    public static final Topic<Mention> MENTIONS =
            new Topic<>("earshot.mentions", Mention.class, m -> m.id, false);

    /** Mentions after the Listen job: validated, normalized, deduplicated, enriched. */
    public static final Topic<Mention> MENTIONS_ENRICHED =
            new Topic<>("earshot.mentions.enriched", Mention.class, m -> m.id, false);

    /** Records a stage refused, with the reason, keyed by their source position. */
    public static final Topic<DeadLetter> DEAD_LETTERS = new Topic<>("earshot.deadletters", DeadLetter.class,
            d -> d.sourceTopic + "/" + d.sourcePartition + "/" + d.sourceOffset, false);

    /** Analysts' rules, keyed by rule id; compacted, so the topic always holds every live rule. */
    public static final Topic<Rule> RULES = new Topic<>("earshot.rules", Rule.class, r -> r.id, true);

    public static List<Topic<?>> all() {
        return List.of(MENTIONS, MENTIONS_ENRICHED, DEAD_LETTERS, RULES);
    }
}
