-- An alert's history, one row per state it reached (ACTIVE, ACKNOWLEDGED, COMPLETED, ERROR), so that merges keep
-- the history instead of collapsing it to the last state as V004's key did. Nothing wrote V004's table.
DROP TABLE IF EXISTS alerts;

CREATE TABLE IF NOT EXISTS alerts
(
    alert_id        String,
    subscription_id String,
    rule_ids        Array(String),
    kind            LowCardinality(String),
    state           LowCardinality(String),
    raised_at       DateTime64(3, 'UTC'),
    changed_at      DateTime64(3, 'UTC'),
    window_start    DateTime64(3, 'UTC'),
    window_end      DateTime64(3, 'UTC'),
    summary         String,
    details         String
)
ENGINE = ReplacingMergeTree(changed_at)
ORDER BY (subscription_id, alert_id, state)
-- A replayed batch with an insert_deduplication_token already seen is dropped.
SETTINGS non_replicated_deduplication_window = 1000;
