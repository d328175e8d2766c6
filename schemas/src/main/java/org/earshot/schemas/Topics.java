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

    /** Keyword-alert subscriptions, keyed by subscription id; compacted like the rules. */
    public static final Topic<Subscription> SUBSCRIPTIONS =
            new Topic<>("earshot.subscriptions", Subscription.class, s -> s.id, true);

    /** Every change in an alert's life (raised, acknowledged, completed, failed), keyed by alert id. */
    public static final Topic<Alert> ALERTS = new Topic<>("earshot.alerts", Alert.class, a -> a.alertId, false);

    /** Messages alerts send, between their evaluation and their delivery, keyed by notification id. */
    public static final Topic<Notification> NOTIFICATIONS =
            new Topic<>("earshot.notifications", Notification.class, n -> n.id, false);

    /** Replies and posts to publish, keyed by publication id; compacted: a cancel replaces its publication. */
    public static final Topic<Publication> PUBLICATIONS =
            new Topic<>("earshot.publications", Publication.class, p -> p.id, true);

    /** What became of each publication (posted, failed, cancelled), keyed by publication id; compacted. */
    public static final Topic<PublicationResult> PUBLICATION_RESULTS =
            new Topic<>("earshot.publications.results", PublicationResult.class, r -> r.id, true);

    public static List<Topic<?>> all() {
        return List.of(MENTIONS, MENTIONS_ENRICHED, DEAD_LETTERS, RULES, SUBSCRIPTIONS, ALERTS, NOTIFICATIONS, PUBLICATIONS,
                PUBLICATION_RESULTS);
    }
}
