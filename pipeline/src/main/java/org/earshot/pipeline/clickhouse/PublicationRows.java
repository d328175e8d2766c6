package org.earshot.pipeline.clickhouse;

import static org.earshot.pipeline.clickhouse.sink.ColumnType.STRING;
import static org.earshot.pipeline.clickhouse.sink.ColumnType.TIMESTAMP;
import static org.earshot.pipeline.clickhouse.sink.ColumnType.UINT64;

import java.util.List;
import org.earshot.pipeline.clickhouse.sink.ClickHouseTable;
import org.earshot.pipeline.clickhouse.sink.Column;
import org.earshot.schemas.PublicationResult;

/** What became of each publication, one row each (V014). */
public final class PublicationRows {
    public static final ClickHouseTable<PublicationResult> PUBLICATIONS = new ClickHouseTable<>("publications", List.of(
            Column.of("id", STRING), Column.of("account", STRING), Column.of("network", STRING), Column.of("status", STRING),
            Column.of("remote_id", STRING), Column.of("url", STRING), Column.of("error", STRING), Column.of("in_reply_to", STRING),
            Column.of("text", STRING), Column.of("scheduled_at", TIMESTAMP), Column.of("at", TIMESTAMP), Column.of("attempts", UINT64)),
            r -> new Object[] {r.id, r.account, r.network, r.status, or(r.remoteId), or(r.url), or(r.error), or(r.inReplyTo), or(r.text),
                r.scheduledAt == null ? r.at : r.scheduledAt, r.at, (long) r.attempts});

    private PublicationRows() {}

    private static String or(String value) {
        return value == null ? "" : value;
    }
}
