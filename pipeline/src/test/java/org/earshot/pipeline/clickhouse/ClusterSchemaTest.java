package org.earshot.pipeline.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.earshot.local.testing.TestClickHouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster form of the bundled migrations: every statement parses (ClickHouse's own parser, through {@code EXPLAIN
 * AST}; a ClickHouse with Keeper and shards to run them on is not at hand), runs {@code ON CLUSTER}, and every table is
 * a replicated table per shard under a Distributed table of its plain name.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClusterSchemaTest {
    private static final Pattern LOCAL_TABLE = Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+)_local ON CLUSTER 'earshot' .* ENGINE = (\\w+)",
            Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void everyStatementParsesAndRunsOnTheCluster() {
        List<String> statements = new Migrator(Migration.bundled(), new ClusterSchema("earshot")).statements();
        try (TestClickHouse clickhouse = TestClickHouse.start(dir.resolve("ch"))) {
            for (String statement : statements) {
                assertThat(statement).contains("ON CLUSTER 'earshot'");
                clickhouse.engineQuery("EXPLAIN AST " + statement); // throws on a syntax error, naming it
            }
            assertThatThrownBy(() -> clickhouse.engineQuery("EXPLAIN AST CREATE TABLE x ON CLUSTER 'earshot' (a UInt8) ENGINE = MergeTree ORDER"))
                    .as("the parser does refuse what is not ClickHouse SQL").isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void everyTableIsReplicatedOnEachShardUnderADistributedTable() {
        List<String> statements = new Migrator(Migration.bundled(), new ClusterSchema("earshot")).statements();
        int tables = 0;
        for (String statement : statements) {
            Matcher local = LOCAL_TABLE.matcher(statement);
            if (!local.find()) continue;
            tables++;
            String table = local.group(1);
            assertThat(local.group(2)).as(table).matches("Replicated\\w*MergeTree|Null");
            assertThat(statements).as("a Distributed %s over %s_local", table, table).anyMatch(s -> s.startsWith(
                    "CREATE TABLE IF NOT EXISTS " + table + " ON CLUSTER 'earshot' AS " + table + "_local ENGINE = Distributed('earshot'"));
        }
        assertThat(tables).isGreaterThanOrEqualTo(12);
        assertThat(statements).filteredOn(s -> s.startsWith("CREATE MATERIALIZED VIEW")).isNotEmpty()
                .allMatch(s -> s.matches("(?s).* TO \\w+_local AS.*FROM \\w+_local\\b.*"), "reads and writes the shards' own tables");
        assertThat(statements).filteredOn(s -> s.contains("ReplacingMergeTree(")).anyMatch(s -> s.contains("', '{replica}', version)"));
    }

    @Test
    void aStatementWithNoClusterFormIsRefusedByName() {
        Migration odd = new Migration(99, "odd", "INSERT INTO mentions SELECT * FROM mentions;");
        assertThatThrownBy(() -> new ClusterSchema("earshot").statements(odd)).hasMessageContaining("INSERT INTO mentions");
        assertThatThrownBy(() -> new ClusterSchema("a'b")).hasMessageContaining("not a ClickHouse cluster name");
    }
}
