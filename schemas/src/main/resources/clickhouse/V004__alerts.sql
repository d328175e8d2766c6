-- Every alert raised, with its state changes (active → acknowledged → completed) as new rows.
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
ORDER BY (subscription_id, alert_id)
-- A replayed batch with an insert_deduplication_token already seen is dropped.
SETTINGS non_replicated_deduplication_window = 1000;
