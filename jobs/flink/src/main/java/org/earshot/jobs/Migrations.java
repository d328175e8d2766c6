package org.earshot.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import org.earshot.jobs.settings.ClickHouseKeys;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.pipeline.clickhouse.ClusterSchema;
import org.earshot.pipeline.clickhouse.Migration;
import org.earshot.pipeline.clickhouse.Migrator;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.pipeline.clickhouse.sink.Urls;

/** Brings the ClickHouse a job writes to up to the bundled schema before the job starts. */
public final class Migrations {
    private Migrations() {}

    /** Applies pending migrations to a single server; returns how many. */
    public static int apply(ClickHouseSinkOptions clickhouse) {
        return apply(clickhouse, (ClusterSchema) null);
    }

    /** Applies pending migrations, in their cluster form when {@code clickhouse.cluster} is set; returns how many. */
    public static int apply(ClickHouseSinkOptions clickhouse, EarshotConfig config) {
        return apply(clickhouse, config.find(ClickHouseKeys.CLUSTER).map(ClusterSchema::new).orElse(null));
    }

    /** The migrator of this configuration: for one server, or for the cluster {@code clickhouse.cluster} names. */
    public static Migrator migrator(EarshotConfig config) {
        return new Migrator(Migration.bundled(), config.find(ClickHouseKeys.CLUSTER).map(ClusterSchema::new).orElse(null));
    }

    private static int apply(ClickHouseSinkOptions clickhouse, ClusterSchema cluster) {
        try (Connection c = clickhouse.connect()) {
            return new Migrator(Migration.bundled(), cluster).migrate(c);
        } catch (SQLException e) {
            if (e.getErrorCode() == 516) {
                throw new IllegalStateException("ClickHouse at " + Urls.redacted(clickhouse.jdbcUrl()) + " refused user '" + clickhouse.user()
                        + "' with the configured password (set clickhouse.user and clickhouse.password)", e);
            }
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("").replaceFirst(" \\(queryId=.*", "");
            throw new IllegalStateException("cannot apply the ClickHouse migrations at " + Urls.redacted(clickhouse.jdbcUrl()) + ": " + message, e);
        }
    }
}
