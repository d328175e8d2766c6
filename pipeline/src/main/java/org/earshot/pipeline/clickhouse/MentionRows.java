package org.earshot.pipeline.clickhouse;

import static org.earshot.pipeline.clickhouse.sink.ColumnType.FLOAT32;
import static org.earshot.pipeline.clickhouse.sink.ColumnType.UINT64;
import static org.earshot.pipeline.clickhouse.sink.ColumnType.STRING;
import static org.earshot.pipeline.clickhouse.sink.ColumnType.STRING_ARRAY;
import static org.earshot.pipeline.clickhouse.sink.ColumnType.TIMESTAMP;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.earshot.pipeline.clickhouse.sink.ClickHouseTable;
import org.earshot.pipeline.clickhouse.sink.Column;
import org.earshot.schemas.Mention;

/** Enriched mentions as rows of the {@code mentions} table (V001, V009). */
public final class MentionRows {
    public static final ClickHouseTable<Mention> TABLE = new ClickHouseTable<>("mentions", List.of(
            Column.of("id", STRING), Column.of("network", STRING), Column.of("url", STRING), Column.of("canonical_url", STRING),
            Column.of("author_handle", STRING), Column.of("author_name", STRING), Column.of("author_followers", UINT64),
            Column.of("title", STRING), Column.of("text", STRING), Column.of("lang", STRING),
            Column.of("published_at", TIMESTAMP), Column.of("published_at_claimed", STRING), Column.of("fetched_at", TIMESTAMP),
            Column.of("thread_id", STRING), Column.of("parent_id", STRING),
            Column.of("likes", UINT64), Column.of("reposts", UINT64), Column.of("replies", UINT64), Column.of("reach", UINT64),
            Column.of("hashtags", STRING_ARRAY), Column.of("links", STRING_ARRAY), Column.of("mentioned", STRING_ARRAY),
            Column.of("geo", STRING), Column.of("sentiment", STRING), Column.of("sentiment_score", FLOAT32),
            Column.of("emotion", STRING), Column.of("rule_ids", STRING_ARRAY)), MentionRows::row);

    private MentionRows() {}

    /** One row; absent values become the column defaults, lists are copied. */
    static Object[] row(Mention m) {
        boolean hasAuthor = m.author != null;
        boolean hasEngagement = m.engagement != null;
        boolean hasSentiment = m.sentiment != null;
        return new Object[] {
            m.id, text(m.network), text(m.url), text(m.canonicalUrl),
            hasAuthor ? text(m.author.handle) : "", hasAuthor ? text(m.author.name) : "",
            hasAuthor && m.author.followers != null ? m.author.followers : 0L,
            text(m.title), text(m.text), text(m.lang),
            time(m.publishedAt), text(m.publishedAtClaimed), time(m.fetchedAt),
            text(m.threadId), text(m.parentId),
            hasEngagement ? m.engagement.likes : 0L, hasEngagement ? m.engagement.reposts : 0L, hasEngagement ? m.engagement.replies : 0L,
            m.reach != null ? m.reach : 0L,
            list(m.hashtags), list(m.links), list(m.mentions),
            text(m.geo), hasSentiment ? text(m.sentiment.label) : "", hasSentiment ? m.sentiment.score : 0.0,
            text(m.emotion), list(m.ruleIds)
        };
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static Instant time(Instant t) {
        return t == null ? Instant.EPOCH : t;
    }

    /** The list itself unless it holds a null (a stream here was a third of the sink's encoding time). */
    private static List<String> list(List<String> l) {
        if (l == null) return List.of();
        for (String s : l) {
            if (s == null) {
                List<String> copy = new ArrayList<>(l.size());
                for (String t : l) copy.add(text(t));
                return copy;
            }
        }
        return l;
    }
}
