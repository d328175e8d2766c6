package org.earshot.pipeline.clickhouse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migrations for a ClickHouse cluster, derived from the single-server ones so that the two never drift: every table
 * becomes a {@code Replicated*} table {@code NAME_local} on each shard plus a {@code Distributed} table {@code NAME} over
 * them (sharded by the table's first sorting column, so rows that merge together live on one shard), every statement
 * runs {@code ON CLUSTER}, and materialized views read and write the shards' local tables, firing where rows land.
 * Jobs and dashboards keep using the plain names: inserts and queries go through the {@code Distributed} tables.
 */
public final class ClusterSchema {
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?s)CREATE TABLE IF NOT EXISTS (\\w+)\\s*(\\(.*\\))\\s*ENGINE = (\\w+)(\\(([^)]*)\\))?(.*)");
    private static final Pattern CREATE_MATERIALIZED_VIEW = Pattern.compile("(?s)CREATE MATERIALIZED VIEW IF NOT EXISTS (\\w+) TO (\\w+) AS(.*)");
    private static final Pattern CREATE_VIEW = Pattern.compile("(?s)CREATE VIEW IF NOT EXISTS (\\w+) AS(.*)");
    private static final Pattern ALTER_TABLE = Pattern.compile("(?s)ALTER TABLE (\\w+)(.*)");
    private static final Pattern DROP = Pattern.compile("(?s)DROP (VIEW|TABLE) IF EXISTS (\\w+)");
    private static final Pattern ORDER_BY = Pattern.compile("ORDER BY \\(?\\s*(\\w+)");
    private static final Pattern FIRST_COLUMN = Pattern.compile("\\(\\s*(\\w+)\\s");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String cluster;
    private final Set<String> tables = new LinkedHashSet<>();

    /** For the cluster called {@code cluster} in the servers' {@code remote_servers}. */
    public ClusterSchema(String cluster) {
        if (!NAME.matcher(cluster).matches()) throw new IllegalArgumentException("not a ClickHouse cluster name: " + cluster);
        this.cluster = cluster;
    }

    /** Migration history, kept on every replica so any server can be asked what is applied. */
    public String historyTable() {
        return "CREATE TABLE IF NOT EXISTS schema_migrations " + onCluster() + " (version UInt32, name String, checksum String, "
                + "applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = ReplicatedMergeTree(" + path("schema_migrations")
                + ", '{replica}') ORDER BY version";
    }

    /**
     * The statements of {@code migration} for the cluster. Call in version order on one instance: a later migration's
     * statements depend on the tables the earlier ones made.
     */
    public List<String> statements(Migration migration) {
        List<String> out = new ArrayList<>();
        for (String statement : migration.statements()) out.addAll(rewrite(statement));
        return out;
    }

    private List<String> rewrite(String statement) {
        Matcher m;
        if ((m = CREATE_TABLE.matcher(statement)).matches()) return createTable(m);
        if ((m = CREATE_MATERIALIZED_VIEW.matcher(statement)).matches()) {
            return List.of("CREATE MATERIALIZED VIEW IF NOT EXISTS " + m.group(1) + " " + onCluster() + " TO " + local(m.group(2))
                    + " AS" + onLocalTables(m.group(3)));
        }
        if ((m = CREATE_VIEW.matcher(statement)).matches()) {
            return List.of("CREATE VIEW IF NOT EXISTS " + m.group(1) + " " + onCluster() + " AS" + m.group(2));
        }
        if ((m = ALTER_TABLE.matcher(statement)).matches()) {
            String table = m.group(1);
            List<String> out = new ArrayList<>(List.of("ALTER TABLE " + local(table) + " " + onCluster() + m.group(2)));
            // Columns change on the Distributed table too; constraints and settings belong to the stored data only.
            if (!m.group(2).toUpperCase(Locale.ROOT).contains("CONSTRAINT") && !m.group(2).toUpperCase(Locale.ROOT).contains("SETTING")) {
                out.add("ALTER TABLE " + table + " " + onCluster() + m.group(2));
            }
            return out;
        }
        if ((m = DROP.matcher(statement)).matches()) {
            if (m.group(1).equals("VIEW")) return List.of("DROP VIEW IF EXISTS " + m.group(2) + " " + onCluster() + " SYNC");
            tables.remove(m.group(2));
            return List.of("DROP TABLE IF EXISTS " + m.group(2) + " " + onCluster() + " SYNC",
                    "DROP TABLE IF EXISTS " + local(m.group(2)) + " " + onCluster() + " SYNC");
        }
        throw new IllegalStateException("no cluster form for this migration statement; add one to ClusterSchema: "
                + statement.lines().findFirst().orElse(""));
    }

    private List<String> createTable(Matcher m) {
        String table = m.group(1);
        String columns = m.group(2);
        String engine = m.group(3);
        String arguments = m.group(5);
        String rest = m.group(6).replaceAll("non_replicated_deduplication_window", "replicated_deduplication_window");
        tables.add(table);
        String stored = engine.equals("Null") ? "Null"
                : "Replicated" + engine + "(" + path(local(table)) + ", '{replica}'" + (arguments == null || arguments.isBlank() ? "" : ", " + arguments) + ")";
        Matcher order = ORDER_BY.matcher(rest);
        Matcher first = FIRST_COLUMN.matcher(columns);
        String key = order.find() ? order.group(1) : first.find() ? first.group(1) : null;
        if (key == null) throw new IllegalStateException("no column to shard " + table + " by");
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + local(table) + " " + onCluster() + " " + columns + " ENGINE = " + stored + rest,
                "CREATE TABLE IF NOT EXISTS " + table + " " + onCluster() + " AS " + local(table) + " ENGINE = Distributed('" + cluster
                        + "', currentDatabase(), '" + local(table) + "', cityHash64(" + key + "))");
    }

    /** A materialized view's query with the tables it reads swapped for their shard-local ones. */
    private String onLocalTables(String query) {
        String out = query;
        for (String table : tables) out = out.replaceAll("\\b(FROM|JOIN) " + table + "\\b", "$1 " + local(table));
        return out;
    }

    private String onCluster() {
        return "ON CLUSTER '" + cluster + "'";
    }

    private static String local(String table) {
        return table + "_local";
    }

    private static String path(String table) {
        return "'/clickhouse/tables/{shard}/{database}/" + table + "'";
    }
}
