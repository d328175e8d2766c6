package org.earshot.pipeline.clickhouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
    private final ClusterSchema cluster;

    /** For a single server. */
    public Migrator(List<Migration> migrations) {
        this(migrations, null);
    }

    /** For a cluster ({@link ClusterSchema}), or a single server when {@code cluster} is null. */
    public Migrator(List<Migration> migrations, ClusterSchema cluster) {
        this.migrations = List.copyOf(migrations);
        this.cluster = cluster;
    }

    /** Every statement of every migration as this migrator would run it, in order: for review, or to apply by hand. */
    public List<String> statements() {
        List<String> out = new ArrayList<>();
        if (cluster != null) out.add(cluster.historyTable());
        for (Migration m : migrations) out.addAll(statements(m));
        return out;
    }

    private List<String> statements(Migration m) {
        return cluster == null ? m.statements() : cluster.statements(m);
    }

    /** @return how many migrations were applied now */
    public int migrate(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(cluster != null ? cluster.historyTable()
                    : "CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, checksum String, "
                    + "applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = MergeTree ORDER BY version");
        }
        Map<Integer, String> applied = new HashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, checksum FROM schema_migrations")) {
            while (rs.next()) applied.put(rs.getInt(1), rs.getString(2));
        }
        int count = 0;
        for (Migration m : migrations) {
            // On a cluster each migration is rewritten, applied or not: a later one's form depends on the tables before it.
            List<String> statements = statements(m);
            String recorded = applied.get(m.version());
            if (recorded != null) {
                if (!recorded.equals(m.checksum())) {
                    throw new IllegalStateException("migration " + m.fileName() + " was changed after it was applied"
                            + " (checksum " + m.checksum() + ", applied " + recorded + "); restore it and add a new migration instead");
                }
                continue;
            }
            try (Statement s = connection.createStatement()) {
                for (String statement : statements) s.execute(statement);
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
