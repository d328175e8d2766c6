-- Reach is a post's estimated audience: its author's followers when the post was seen (see
-- earshot.mentions.schema.json). Summed over a rule's mentions, as rule_minute.reach is, it counts
-- potential impressions: an author who posts twice counts twice. Ranking authors needs each
-- author's reach once, so rule_authors gives per author of a rule, within [from, to): mentions,
-- reach (the largest audience seen for them in the range), first and last mention.
--   SELECT * FROM rule_authors(rule = 'aurora', from = '2026-12-01 00:00:00', to = '2026-12-02 00:00:00')
--   ORDER BY reach DESC LIMIT 10
CREATE VIEW IF NOT EXISTS rule_authors AS
SELECT author, count() AS mentions, max(reach) AS reach, min(published_at) AS first_mention, max(published_at) AS last_mention
FROM mention_rules FINAL
WHERE rule_id = {rule:String}
  AND published_at >= {from:DateTime64(3, 'UTC')}
  AND published_at < {to:DateTime64(3, 'UTC')}
GROUP BY author;

-- rule_minute holds a minute once the Listen job's event-time window for it closes (the watermark,
-- the newest event time less the allowed out-of-orderness, has passed its end; a late mention then
-- adds to it), while mention_rules holds each match as soon as its checkpoint commits. So the
-- newest minute or two are in mention_rules only. rule_minute_whole has every minute whole: the
-- closed ones from rule_minute, and the minutes after a rule's last closed one counted from
-- mention_rules (mentions and reach; unique authors only in rule_minute).
CREATE VIEW IF NOT EXISTS rule_minute_whole AS
SELECT rule_id, minute, network, lang, sentiment, sum(mentions) AS mentions, sum(reach) AS reach
FROM
(
    SELECT rule_id, minute, network, lang, sentiment, mentions, reach
    FROM rule_minute
    UNION ALL
    SELECT m.rule_id AS rule_id, toDateTime(toStartOfMinute(m.published_at), 'UTC') AS minute, m.network AS network,
           m.lang AS lang, m.sentiment AS sentiment, toUInt64(1) AS mentions, m.reach AS reach
    FROM mention_rules AS m FINAL
    LEFT JOIN (SELECT rule_id, max(minute) AS closed FROM rule_minute GROUP BY rule_id) AS c ON m.rule_id = c.rule_id
    WHERE toDateTime(toStartOfMinute(m.published_at), 'UTC') > c.closed
)
GROUP BY rule_id, minute, network, lang, sentiment;
