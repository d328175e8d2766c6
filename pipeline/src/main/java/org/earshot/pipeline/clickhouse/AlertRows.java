package org.earshot.pipeline.clickhouse;

import static org.earshot.pipeline.clickhouse.sink.ColumnType.STRING;
import static org.earshot.pipeline.clickhouse.sink.ColumnType.STRING_ARRAY;
import static org.earshot.pipeline.clickhouse.sink.ColumnType.TIMESTAMP;

import java.time.Instant;
import java.util.List;
import org.earshot.pipeline.clickhouse.sink.ClickHouseTable;
import org.earshot.pipeline.clickhouse.sink.Column;
import org.earshot.schemas.Alert;

/** Every state an alert reaches, one row each (V013). */
public final class AlertRows {
    public static final ClickHouseTable<Alert> ALERTS = new ClickHouseTable<>("alerts", List.of(
            Column.of("alert_id", STRING), Column.of("subscription_id", STRING), Column.of("rule_ids", STRING_ARRAY),
            Column.of("kind", STRING), Column.of("state", STRING), Column.of("raised_at", TIMESTAMP), Column.of("changed_at", TIMESTAMP),
            Column.of("window_start", TIMESTAMP), Column.of("window_end", TIMESTAMP), Column.of("summary", STRING), Column.of("details", STRING)),
            a -> new Object[] {a.alertId, a.subscriptionId, a.ruleIds == null ? List.of() : a.ruleIds, a.kind, a.state, a.raisedAt, a.changedAt,
                or(a.windowStart, a.raisedAt), or(a.windowEnd, a.changedAt), a.summary == null ? "" : a.summary, a.details == null ? "" : a.details});

    private AlertRows() {}

    private static Instant or(Instant value, Instant fallback) {
        return value == null ? fallback : value;
    }
}
