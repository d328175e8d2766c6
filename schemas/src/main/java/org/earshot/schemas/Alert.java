package org.earshot.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One change in an alert's life, as {@code earshot.alerts} carries it and ClickHouse's {@code alerts} keeps it:
 * raised ({@code ACTIVE}), {@code ACKNOWLEDGED} by someone, {@code COMPLETED} when its condition cleared, or
 * {@code ERROR} when it could not be delivered. Keyed by {@link #alertId}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Alert {
    public static final String ACTIVE = "ACTIVE";
    public static final String ACKNOWLEDGED = "ACKNOWLEDGED";
    public static final String COMPLETED = "COMPLETED";
    public static final String ERROR = "ERROR";
    public static final List<String> STATES = List.of(ACTIVE, ACKNOWLEDGED, COMPLETED, ERROR);

    public String alertId;
    public String subscriptionId;
    public List<String> ruleIds = new ArrayList<>();
    /** The condition's type: every-match, threshold, volume-spike, sentiment-shift, digest. */
    public String kind;
    public String state;
    public Instant raisedAt;
    public Instant changedAt;
    public Instant windowStart;
    public Instant windowEnd;
    /** One line for people. */
    public String summary;
    /** The figures behind it, or who acknowledged it, or why delivery failed. */
    public String details;

    public Alert() {}

    /** The same alert in another state. */
    public Alert withState(String newState, Instant at, String newDetails) {
        Alert a = new Alert();
        a.alertId = alertId;
        a.subscriptionId = subscriptionId;
        a.ruleIds = ruleIds;
        a.kind = kind;
        a.state = newState;
        a.raisedAt = raisedAt;
        a.changedAt = at;
        a.windowStart = windowStart;
        a.windowEnd = windowEnd;
        a.summary = summary;
        a.details = newDetails;
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Alert a && Objects.equals(alertId, a.alertId) && Objects.equals(state, a.state)
                && Objects.equals(changedAt, a.changedAt) && Objects.equals(summary, a.summary) && Objects.equals(details, a.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alertId, state, changedAt);
    }

    @Override
    public String toString() {
        return "Alert{" + alertId + " " + state + ": " + summary + "}";
    }
}
