-- Minute aggregates per rule × network × language × sentiment, written by the Listen job's
-- event-time windows. A late update for a minute merges into it instead of double-counting.
CREATE TABLE IF NOT EXISTS rule_minute
(
    rule_id        String,
    minute         DateTime('UTC'),
    network        LowCardinality(String),
    lang           LowCardinality(String),
    sentiment      LowCardinality(String),
    mentions       SimpleAggregateFunction(sum, UInt64),
    reach          SimpleAggregateFunction(sum, UInt64),
    unique_authors AggregateFunction(uniq, String)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (rule_id, minute, network, lang, sentiment)
SETTINGS non_replicated_deduplication_window = 1000;

-- Daily roll-up for long ranges, kept by a materialized view.
CREATE TABLE IF NOT EXISTS rule_day
(
    rule_id        String,
    day            Date,
    network        LowCardinality(String),
    lang           LowCardinality(String),
    sentiment      LowCardinality(String),
    mentions       SimpleAggregateFunction(sum, UInt64),
    reach          SimpleAggregateFunction(sum, UInt64),
    unique_authors AggregateFunction(uniq, String)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYear(day)
ORDER BY (rule_id, day, network, lang, sentiment);

CREATE MATERIALIZED VIEW IF NOT EXISTS rule_day_mv TO rule_day AS
SELECT rule_id, toDate(minute) AS day, network, lang, sentiment,
       sum(mentions) AS mentions, sum(reach) AS reach, uniqMergeState(unique_authors) AS unique_authors
FROM rule_minute
GROUP BY rule_id, day, network, lang, sentiment;

-- Hourly counts of terms and hashtags per rule, for trending terms.
CREATE TABLE IF NOT EXISTS rule_hour_terms
(
    rule_id String,
    hour    DateTime('UTC'),
    kind    LowCardinality(String),
    term    String,
    count   UInt64
)
ENGINE = SummingMergeTree(count)
PARTITION BY toYYYYMM(hour)
ORDER BY (rule_id, hour, kind, term)
SETTINGS non_replicated_deduplication_window = 1000;
