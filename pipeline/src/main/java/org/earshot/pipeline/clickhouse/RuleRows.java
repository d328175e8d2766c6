package org.earshot.pipeline.clickhouse;

import static org.earshot.pipeline.clickhouse.sink.ColumnType.DATETIME;
import static org.earshot.pipeline.clickhouse.sink.ColumnType.STRING;
import static org.earshot.pipeline.clickhouse.sink.ColumnType.STRING_ARRAY;
import static org.earshot.pipeline.clickhouse.sink.ColumnType.TIMESTAMP;
import static org.earshot.pipeline.clickhouse.sink.ColumnType.UINT64;

import java.util.List;
import org.earshot.pipeline.aggregate.RuleMatch;
import org.earshot.pipeline.aggregate.RuleMinute;
import org.earshot.pipeline.aggregate.RuleTermCount;
import org.earshot.pipeline.clickhouse.sink.ClickHouseTable;
import org.earshot.pipeline.clickhouse.sink.Column;

/** What the Listen job writes per rule: matches (V002), minute deltas (V006 → V003, emotions V008) and term counts (V003). */
public final class RuleRows {
    public static final ClickHouseTable<RuleMatch> MENTION_RULES = new ClickHouseTable<>("mention_rules", List.of(
            Column.of("rule_id", STRING), Column.of("mention_id", STRING), Column.of("published_at", TIMESTAMP),
            Column.of("network", STRING), Column.of("lang", STRING), Column.of("sentiment", STRING),
            Column.of("reach", UINT64), Column.of("author", STRING)),
            m -> new Object[] {m.ruleId, m.mentionId, m.publishedAt, m.network, m.lang, m.sentiment, m.reach, m.author});

    public static final ClickHouseTable<RuleMinute> RULE_MINUTES = new ClickHouseTable<>("rule_minute_input", List.of(
            Column.of("rule_id", STRING), Column.of("minute", DATETIME), Column.of("network", STRING),
            Column.of("lang", STRING), Column.of("sentiment", STRING), Column.of("mentions", UINT64),
            Column.of("reach", UINT64), Column.of("authors", STRING_ARRAY), Column.of("anger", UINT64),
            Column.of("joy", UINT64), Column.of("optimism", UINT64), Column.of("sadness", UINT64)),
            m -> new Object[] {m.ruleId, m.minute, m.network, m.lang, m.sentiment, m.mentions, m.reach, m.authors,
                m.emotions[0], m.emotions[1], m.emotions[2], m.emotions[3]});

    public static final ClickHouseTable<RuleTermCount> RULE_HOUR_TERMS = new ClickHouseTable<>("rule_hour_terms", List.of(
            Column.of("rule_id", STRING), Column.of("hour", DATETIME), Column.of("kind", STRING),
            Column.of("term", STRING), Column.of("count", UINT64)),
            t -> new Object[] {t.ruleId, t.hour, t.kind, t.term, t.count});

    private RuleRows() {}
}
