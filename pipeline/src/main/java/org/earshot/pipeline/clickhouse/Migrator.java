package org.earshot.pipeline.clickhouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a ClickHouse database up to date, through JDBC: applies each pending migration once, in
 * version order, records it in {@code schema_migrations}, and refuses to go on when an applied
 * migration's text has changed since.
 */
public final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    private final List<Migration> migrations;

    public Migrator(List<Migration> migrations) {
        this.migrations = List.copyOf(migrations);
    }

    /** @return how many migrations were applied now */
    public int migrate(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, checksum String, "
                    + "applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = MergeTree ORDER BY version");
        }
        Map<Integer, String> applied = new HashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, checksum FROM schema_migrations")) {
            while (rs.next()) applied.put(rs.getInt(1), rs.getString(2));
        }
        int count = 0;
        for (Migration m : migrations) {
            String recorded = applied.get(m.version());
            if (recorded != null) {
                if (!recorded.equals(m.checksum())) {
                    throw new IllegalStateException("migration " + m.fileName() + " was changed after it was applied"
                            + " (checksum " + m.checksum() + ", applied " + recorded + "); restore it and add a new migration instead");
                }
                continue;
            }
            try (Statement s = connection.createStatement()) {
                for (String statement : m.statements()) s.execute(statement);
            }
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)")) {
                p.setInt(1, m.version());
                p.setString(2, m.name());
                p.setString(3, m.checksum());
                p.executeUpdate();
            }
            LOG.info("applied ClickHouse migration {}", m.fileName());
            count++;
        }
        return count;
    }
}
