-- One row per mention × matched rule: what a rule's mention stream and counts are read from.
CREATE TABLE IF NOT EXISTS mention_rules
(
    rule_id      String,
    mention_id   String,
    published_at DateTime64(3, 'UTC'),
    network      LowCardinality(String),
    lang         LowCardinality(String),
    sentiment    LowCardinality(String),
    reach        UInt64,
    author       String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(published_at)
ORDER BY (rule_id, published_at, mention_id)
TTL toDateTime(published_at) + INTERVAL 400 DAY
-- A replayed batch with an insert_deduplication_token already seen is dropped.
SETTINGS non_replicated_deduplication_window = 1000;
