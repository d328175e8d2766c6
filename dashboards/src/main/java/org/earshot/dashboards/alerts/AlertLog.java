package org.earshot.dashboards.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.earshot.dashboards.Database;
import org.earshot.pipeline.kafka.CompactedTopic;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.schemas.Alert;
import org.earshot.schemas.Topics;

/**
 * What alerts were raised and what became of them, from ClickHouse's {@code alerts} (one row per state an alert
 * reached), and acknowledging one: a new ACKNOWLEDGED row there and a record on {@code earshot.alerts}.
 */
public final class AlertLog {
    /** An alert with its latest state, and the summary it was raised with. */
    public record Current(String alertId, String subscriptionId, List<String> ruleIds, String kind, String state, Instant raisedAt,
                          Instant changedAt, Instant windowStart, Instant windowEnd, String summary, String details) {}

    private static final String CURRENT = "SELECT alert_id, argMax(subscription_id, changed_at), argMax(rule_ids, changed_at), argMax(kind, changed_at), "
            + "argMax(state, changed_at) AS current, min(raised_at), max(changed_at) AS changed, min(window_start), max(window_end), "
            + "argMaxIf(summary, changed_at, state = 'ACTIVE'), argMax(details, changed_at) FROM alerts FINAL ";

    private final Database db;
    private final KafkaSettings kafka;

    public AlertLog(Database db, KafkaSettings kafka) {
        this.db = db;
        this.kafka = kafka;
    }

    /** The newest alerts first, each in its latest state; {@code state} and {@code subscription} filter when not null. */
    public List<Current> current(String state, String subscription, int limit) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = "";
        if (subscription != null) {
            where = "WHERE subscription_id = ? ";
            params.add(subscription);
        }
        String having = "";
        if (state != null) {
            having = "HAVING current = ? ";
            params.add(state);
        }
        params.add(limit);
        return db.list(CURRENT + where + "GROUP BY alert_id " + having + "ORDER BY changed DESC LIMIT ?", params, AlertLog::current);
    }

    /** One alert as it is now. */
    public java.util.Optional<Current> get(String alertId) throws SQLException {
        return db.list(CURRENT + "WHERE alert_id = ? GROUP BY alert_id", List.of(alertId), AlertLog::current).stream().findFirst();
    }

    /** Every state the alert reached, in order. */
    public List<Alert> history(String alertId) throws SQLException {
        return db.list("SELECT alert_id, subscription_id, rule_ids, kind, state, raised_at, changed_at, window_start, window_end, summary, details "
                + "FROM alerts FINAL WHERE alert_id = ? ORDER BY changed_at, state", List.of(alertId), rs -> {
                    Alert a = new Alert();
                    a.alertId = rs.getString(1);
                    a.subscriptionId = rs.getString(2);
                    a.ruleIds = strings(rs, 3);
                    a.kind = rs.getString(4);
                    a.state = rs.getString(5);
                    a.raisedAt = instant(rs, 6);
                    a.changedAt = instant(rs, 7);
                    a.windowStart = instant(rs, 8);
                    a.windowEnd = instant(rs, 9);
                    a.summary = rs.getString(10);
                    a.details = rs.getString(11);
                    return a;
                });
    }

    /**
     * Marks an ACTIVE (or ERROR) alert ACKNOWLEDGED by {@code who}: someone is on it. Refused, saying why, for an alert
     * that is unknown, or already acknowledged or completed.
     */
    public Alert acknowledge(String alertId, String who, Instant now) throws SQLException {
        Current c = get(alertId).orElseThrow(() -> new java.util.NoSuchElementException("no alert '" + alertId + "'"));
        if (c.state().equals(Alert.ACKNOWLEDGED) || c.state().equals(Alert.COMPLETED)) {
            throw new IllegalStateException("alert " + alertId + " is " + c.state() + " already");
        }
        Alert a = new Alert();
        a.alertId = c.alertId();
        a.subscriptionId = c.subscriptionId();
        a.ruleIds = c.ruleIds();
        a.kind = c.kind();
        a.state = Alert.ACKNOWLEDGED;
        a.raisedAt = c.raisedAt();
        a.changedAt = now;
        a.windowStart = c.windowStart();
        a.windowEnd = c.windowEnd();
        a.summary = c.summary();
        a.details = "acknowledged by " + who;
        // Rule ids hold no comma (they are checked), so the list travels as one parameter.
        db.execute("INSERT INTO alerts (alert_id, subscription_id, rule_ids, kind, state, raised_at, changed_at, window_start, window_end, summary, details) "
                + "SELECT ?, ?, splitByChar(',', ?), ?, ?, " + Database.TIME + ", " + Database.TIME + ", " + Database.TIME + ", " + Database.TIME + ", ?, ?",
                List.of(a.alertId, a.subscriptionId, String.join(",", a.ruleIds), a.kind, a.state, a.raisedAt, now, a.windowStart, a.windowEnd,
                        a.summary, a.details));
        if (kafka != null) CompactedTopic.send(kafka, Topics.ALERTS, a.alertId, Topics.ALERTS.serialize(a));
        return a;
    }

    /** As the API and the CLI show it. */
    public static Map<String, Object> describe(Current c) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("alertId", c.alertId());
        m.put("subscriptionId", c.subscriptionId());
        m.put("ruleIds", c.ruleIds());
        m.put("kind", c.kind());
        m.put("state", c.state());
        m.put("raisedAt", c.raisedAt().toString());
        m.put("changedAt", c.changedAt().toString());
        m.put("windowStart", c.windowStart().toString());
        m.put("windowEnd", c.windowEnd().toString());
        m.put("summary", c.summary());
        m.put("details", c.details());
        return m;
    }

    private static Current current(ResultSet rs) throws SQLException {
        return new Current(rs.getString(1), rs.getString(2), strings(rs, 3), rs.getString(4), rs.getString(5), instant(rs, 6), instant(rs, 7),
                instant(rs, 8), instant(rs, 9), rs.getString(10), rs.getString(11));
    }

    private static List<String> strings(ResultSet rs, int column) throws SQLException {
        return new ArrayList<>(Database.strings(rs.getArray(column)));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
