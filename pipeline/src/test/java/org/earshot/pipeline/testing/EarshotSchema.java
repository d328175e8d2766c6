package org.earshot.pipeline.testing;

import java.sql.Connection;
import java.sql.SQLException;
import org.earshot.local.testing.TestClickHouse;
import org.earshot.pipeline.clickhouse.Migration;
import org.earshot.pipeline.clickhouse.Migrator;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;

/** Earshot's tables in a test's ClickHouse, and how a sink writes there. */
public final class EarshotSchema {
    private EarshotSchema() {}

    /** Applies Earshot's migrations: {@code TestClickHouse.start(dir).setUp(EarshotSchema::apply)}. */
    public static void apply(Connection connection) throws SQLException {
        new Migrator(Migration.bundled()).migrate(connection);
    }

    /**
     * No merge may fold a row away in {@code tables}, even after the engine restarts: a duplicate inserted by
     * mistake stays countable with {@code count()}. A table setting (no part is small enough to merge) is stored
     * with the table, and so is a wait of decades between merges that drop rows past their TTL (a test may store
     * posts from 1992). {@code SYSTEM STOP MERGES} is not used: it lasts only until a restart, and it also stops
     * mutations, which a deletion waits for.
     */
    public static void keepEveryRow(TestClickHouse clickhouse, String... tables) {
        for (String table : tables) {
            clickhouse.engineQuery("ALTER TABLE " + table + " MODIFY SETTING max_bytes_to_merge_at_max_space_in_pool = 1, "
                    + "max_bytes_to_merge_at_min_space_in_pool = 1, merge_with_ttl_timeout = 1000000000");
            clickhouse.engineQuery("SYSTEM STOP TTL MERGES " + table);
        }
    }

    /** How a sink writes to {@code clickhouse}: default batch size, retries for two minutes. */
    public static ClickHouseSinkOptions sink(TestClickHouse clickhouse) {
        return ClickHouseSinkOptions.of(clickhouse.jdbcUrl(), clickhouse.password());
    }
}
