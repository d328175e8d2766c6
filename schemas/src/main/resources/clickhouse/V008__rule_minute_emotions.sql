-- Emotion counts in the per-rule aggregates: how many of a cell's mentions read as anger, joy,
-- optimism or sadness (the rest are none). Columns, not a dimension: a fifth key would multiply
-- the rows, while analysts read emotion as shares of a rule's volume.
ALTER TABLE rule_minute
    ADD COLUMN IF NOT EXISTS anger    SimpleAggregateFunction(sum, UInt64) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS joy      SimpleAggregateFunction(sum, UInt64) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS optimism SimpleAggregateFunction(sum, UInt64) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS sadness  SimpleAggregateFunction(sum, UInt64) DEFAULT 0;

ALTER TABLE rule_day
    ADD COLUMN IF NOT EXISTS anger    SimpleAggregateFunction(sum, UInt64) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS joy      SimpleAggregateFunction(sum, UInt64) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS optimism SimpleAggregateFunction(sum, UInt64) DEFAULT 0,
    ADD COLUMN IF NOT EXISTS sadness  SimpleAggregateFunction(sum, UInt64) DEFAULT 0;

ALTER TABLE rule_minute_input
    ADD COLUMN IF NOT EXISTS anger    UInt64 DEFAULT 0,
    ADD COLUMN IF NOT EXISTS joy      UInt64 DEFAULT 0,
    ADD COLUMN IF NOT EXISTS optimism UInt64 DEFAULT 0,
    ADD COLUMN IF NOT EXISTS sadness  UInt64 DEFAULT 0;

-- The views name their columns, so they are made again with the new ones (migrations run before
-- any job writes, so no insert passes between the two statements).
DROP VIEW IF EXISTS rule_minute_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS rule_minute_mv TO rule_minute AS
SELECT rule_id, minute, network, lang, sentiment,
       sum(mentions) AS mentions, sum(reach) AS reach, uniqArrayState(authors) AS unique_authors,
       sum(anger) AS anger, sum(joy) AS joy, sum(optimism) AS optimism, sum(sadness) AS sadness
FROM rule_minute_input
GROUP BY rule_id, minute, network, lang, sentiment;

DROP VIEW IF EXISTS rule_day_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS rule_day_mv TO rule_day AS
SELECT rule_id, toDate(minute) AS day, network, lang, sentiment,
       sum(mentions) AS mentions, sum(reach) AS reach, uniqMergeState(unique_authors) AS unique_authors,
       sum(anger) AS anger, sum(joy) AS joy, sum(optimism) AS optimism, sum(sadness) AS sadness
FROM rule_minute
GROUP BY rule_id, day, network, lang, sentiment;
