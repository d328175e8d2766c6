-- Every enriched mention, one row per id: a replayed or re-enriched mention replaces the older row.
CREATE TABLE IF NOT EXISTS mentions
(
    id               String,
    network          LowCardinality(String),
    url              String,
    canonical_url    String,
    author_handle    String,
    author_name      String,
    author_followers UInt64,
    title            String,
    text             String,
    lang             LowCardinality(String),
    published_at     DateTime64(3, 'UTC'),
    fetched_at       DateTime64(3, 'UTC'),
    thread_id        String,
    parent_id        String,
    likes            UInt64,
    reposts          UInt64,
    replies          UInt64,
    reach            UInt64,
    hashtags         Array(String),
    links            Array(String),
    mentioned        Array(String),
    geo              LowCardinality(String),
    sentiment        LowCardinality(String),
    sentiment_score  Float32,
    emotion          LowCardinality(String),
    rule_ids         Array(String),
    ingested_at      DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(published_at)
ORDER BY id
TTL toDateTime(published_at) + INTERVAL 400 DAY
-- A replayed batch with an insert_deduplication_token already seen is dropped.
SETTINGS non_replicated_deduplication_window = 1000;
