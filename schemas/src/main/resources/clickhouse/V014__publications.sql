-- What became of each reply and post Earshot published (earshot.publications.results): one row per publication,
-- written once by the Publish job's exactly-once sink. A mention's replies are the rows whose in_reply_to is its id.
CREATE TABLE IF NOT EXISTS publications
(
    id           String,
    account      String,
    network      LowCardinality(String),
    status       LowCardinality(String),
    remote_id    String,
    url          String,
    error        String,
    in_reply_to  String,
    text         String,
    scheduled_at DateTime64(3, 'UTC'),  -- when it was to go out: when it was asked for, if at once
    at           DateTime64(3, 'UTC'),
    attempts     UInt64
)
ENGINE = MergeTree
ORDER BY (account, at, id)
-- A replayed batch with an insert_deduplication_token already seen is dropped.
SETTINGS non_replicated_deduplication_window = 1000;
