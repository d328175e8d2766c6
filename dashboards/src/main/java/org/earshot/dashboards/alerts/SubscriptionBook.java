package org.earshot.dashboards.alerts;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.earshot.dashboards.rules.Project;
import org.earshot.dashboards.rules.Projects;
import org.earshot.dashboards.rules.RuleBook;
import org.earshot.pipeline.alerts.SubscriptionCheck;
import org.earshot.pipeline.kafka.CompactedTopic;
import org.earshot.schemas.Subscription;

/**
 * Keyword-alert subscriptions on {@code earshot.subscriptions}, where the Listen job reads them: checked against the
 * rules that exist before they are saved, a project's rules resolved when it is saved. What the API and
 * {@code earshot alerts} share.
 */
public final class SubscriptionBook {
    private final CompactedTopic<Subscription> topic;
    private final RuleBook rules;
    private final Projects projects;

    /** @param projects where projects are found; null where there is no ClickHouse (a subscription names rules then) */
    public SubscriptionBook(CompactedTopic<Subscription> topic, RuleBook rules, Projects projects) {
        this.topic = topic;
        this.rules = rules;
        this.projects = projects;
    }

    public List<Subscription> list() {
        return new ArrayList<>(topic.readAll().values());
    }

    public Optional<Subscription> get(String id) {
        return Optional.ofNullable(topic.readAll().get(id));
    }

    /** Checks and saves (a new one or a replacement); refused with an {@link IllegalArgumentException} naming the field. */
    public Subscription save(Subscription s, String owner, Instant now) throws SQLException {
        if (s.project != null && !s.project.isBlank()) {
            if (projects == null) throw new IllegalArgumentException("project: projects live in ClickHouse, which is not reachable here");
            Project p = projects.get(s.project).orElseThrow(() -> new IllegalArgumentException("project: there is no project '" + s.project + "'"));
            s.rules = p.allRules();
        }
        if (s.owner == null || s.owner.isBlank()) s.owner = owner;
        s.updatedAt = now;
        SubscriptionCheck.check(s, rules.all()::containsKey);
        topic.put(s.id, s);
        return s;
    }

    /** Deletes it; false when there is none. */
    public boolean delete(String id) {
        if (!topic.readAll().containsKey(id)) return false;
        topic.delete(id);
        return true;
    }

    /** As listings show it: every field, secrets hidden. */
    public static Subscription redacted(Subscription s) {
        Subscription r = org.earshot.schemas.Json.mapper().convertValue(s, Subscription.class);
        r.channels = s.channels.stream().map(Subscription.Channel::redacted).toList();
        return r;
    }
}
