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

    /** How a sink writes to {@code clickhouse}: default batch size, retries for two minutes. */
    public static ClickHouseSinkOptions sink(TestClickHouse clickhouse) {
        return ClickHouseSinkOptions.of(clickhouse.jdbcUrl(), clickhouse.password());
    }
}
