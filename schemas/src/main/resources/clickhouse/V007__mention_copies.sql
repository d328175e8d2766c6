-- The same story seen again: syndicated to another feed (same canonical URL) or reposted
-- (near-identical text). The first mention is kept in `mentions`; each copy is one row here,
-- so `SELECT original_id, count() FROM mention_copies GROUP BY original_id` counts the copies.
CREATE TABLE IF NOT EXISTS mention_copies
(
    original_id  String,
    copy_id      String,
    copy_network LowCardinality(String),
    matched_by   LowCardinality(String),
    seen_at      DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(seen_at)
ORDER BY (original_id, copy_id)
TTL toDateTime(seen_at) + INTERVAL 400 DAY
-- A replayed batch with an insert_deduplication_token already seen is dropped.
SETTINGS non_replicated_deduplication_window = 1000;
