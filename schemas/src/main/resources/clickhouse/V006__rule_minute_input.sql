-- The Listen job writes minute aggregates as deltas (a late mention adds to its minute; nothing
-- is written twice) with the minute's authors as a plain array. This Null table takes those rows
-- and the view turns them into rule_minute's sums and uniq states, so a writer never has to
-- produce ClickHouse's binary aggregate states. A replayed insert with the same
-- insert_deduplication_token is dropped in rule_minute (deduplicate_blocks_in_dependent_materialized_views).
CREATE TABLE IF NOT EXISTS rule_minute_input
(
    rule_id   String,
    minute    DateTime('UTC'),
    network   String,
    lang      String,
    sentiment String,
    mentions  UInt64,
    reach     UInt64,
    authors   Array(String)
)
ENGINE = Null;

CREATE MATERIALIZED VIEW IF NOT EXISTS rule_minute_mv TO rule_minute AS
SELECT rule_id, minute, network, lang, sentiment,
       sum(mentions) AS mentions, sum(reach) AS reach, uniqArrayState(authors) AS unique_authors
FROM rule_minute_input
GROUP BY rule_id, minute, network, lang, sentiment;
