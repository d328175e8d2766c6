package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot sql} on the embedded ClickHouse of a data directory, through the JDBC driver. */
class SqlCommandTest {
    @TempDir
    Path dir;

    private CapturedRun sql(String statement) {
        return CapturedRun.of("sql", "--data", dir.toString(), statement);
    }

    @Test
    void runsStatementsAndPrintsResultTablesKeepingData() {
        assertThat(sql("CREATE TABLE brands (name String, mentions UInt32) ENGINE = MergeTree ORDER BY name").exit()).isZero();
        CapturedRun insert = sql("INSERT INTO brands VALUES ('Aurora', 12), ('Nimbus', 7), ('Brewhaus\tCafé', 3)");
        assertThat(insert.exit()).isZero();
        assertThat(insert.out()).contains("3 rows written");

        CapturedRun select = sql("SELECT name, mentions FROM brands ORDER BY mentions DESC");
        assertThat(select.exit()).as(select.err()).isZero();
        assertThat(select.out().lines().toList()).containsExactly(
                "name            mentions",
                "--------------  --------",
                "Aurora          12",
                "Nimbus          7",
                "Brewhaus\\tCafé  3",
                "3 rows");
    }

    @Test
    void reportsClickHouseErrorsWithTheirCode() {
        CapturedRun r = sql("SELECT * FROM no_such_table");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("earshot: ClickHouse error 60: Code: 60.");
    }

    @Test
    void textThatWouldDriveTheTerminalIsShownWithoutItsControls() {
        // ESC [2J clears the screen, ESC ]0; sets the window title, U+202E turns the text around.
        CapturedRun r = sql("SELECT concat('safe', char(27), '[2J', char(27), ']0;owned', char(7), ' ', unhex('E280AE'), 'txet') AS mention");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e");
        assertThat(r.out().lines().toList()).contains("safe[2J]0;owned txet");
    }
}
