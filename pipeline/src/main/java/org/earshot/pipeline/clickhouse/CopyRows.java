package org.earshot.pipeline.clickhouse;

import static org.earshot.pipeline.clickhouse.sink.ColumnType.STRING;
import static org.earshot.pipeline.clickhouse.sink.ColumnType.TIMESTAMP;

import java.util.List;
import org.earshot.pipeline.clickhouse.sink.ClickHouseTable;
import org.earshot.pipeline.clickhouse.sink.Column;
import org.earshot.pipeline.dedup.MentionCopy;

/** Copies of a story the Listen job dropped (V007): the count of copies per first mention. */
public final class CopyRows {
    public static final ClickHouseTable<MentionCopy> MENTION_COPIES = new ClickHouseTable<>("mention_copies", List.of(
            Column.of("original_id", STRING), Column.of("copy_id", STRING), Column.of("copy_network", STRING),
            Column.of("matched_by", STRING), Column.of("seen_at", TIMESTAMP)),
            c -> new Object[] {c.originalId, c.copyId, c.copyNetwork, c.matchedBy, c.seenAt});

    private CopyRows() {}
}
