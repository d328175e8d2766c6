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

    @Test
    void answersCanBeTakenAwayAsCsvTsvJsonAndJsonLinesWithTextWhole() throws Exception {
        String longText = "a long mention " + "x".repeat(500) + " with \"quotes\", commas, and\na new line";
        assertThat(sql("CREATE TABLE posts (id UInt32, text String, tags Array(String)) ENGINE = MergeTree ORDER BY id").exit()).isZero();
        assertThat(sql("INSERT INTO posts VALUES (1, '" + longText.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
                + "', ['#aurora']), (2, 'short', [])").exit()).isZero();

        CapturedRun csv = CapturedRun.of("sql", "--data", dir.toString(), "--format", "csv", "SELECT id, text FROM posts ORDER BY id");
        assertThat(csv.exit()).as(csv.err()).isZero();
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new java.io.StringReader(csv.out()))) {
            var records = parser.getRecords();
            assertThat(records).hasSize(2);
            assertThat(records.get(0).get("text")).isEqualTo(longText);
            assertThat(records.get(1).get("id")).isEqualTo("2");
        }
        CapturedRun jsonl = CapturedRun.of("sql", "--data", dir.toString(), "--format", "jsonl", "SELECT id, text, tags FROM posts ORDER BY id");
        var first = new com.fasterxml.jackson.databind.ObjectMapper().readTree(jsonl.out().lines().findFirst().orElseThrow());
        assertThat(first.get("text").asText()).isEqualTo(longText);
        assertThat(first.get("tags").get(0).asText()).isEqualTo("#aurora");
        assertThat(CapturedRun.of("sql", "--data", dir.toString(), "--format", "tsv", "SELECT id FROM posts ORDER BY id").out()).isEqualTo("id\n1\n2\n");
        assertThat(CapturedRun.of("sql", "--data", dir.toString(), "--format", "json", "SELECT count() AS n FROM posts").out())
                .contains("\"data\":").contains("\"n\": 2");

        // The table shows text whole unless asked to cut it.
        CapturedRun table = sql("SELECT text FROM posts WHERE id = 1");
        assertThat(table.out()).contains("x".repeat(500));
        CapturedRun cut = CapturedRun.of("sql", "--data", dir.toString(), "--max-width", "20", "SELECT text FROM posts WHERE id = 1");
        assertThat(cut.out().lines()).contains("a long mention xxxx…");
    }

    @Test
    void aFormatClauseOfTheStatementsOwnWorks() {
        CapturedRun r = sql("SELECT 1 AS one, 'two' AS two FORMAT CSVWithNames");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("\"one\",\"two\"\n1,\"two\"\n");
        CapturedRun outfile = sql("SELECT 1 INTO OUTFILE 'one.csv'");
        assertThat(outfile.exit()).isEqualTo(1);
        assertThat(outfile.err()).contains("earshot sql --format csv");
    }

    @Test
    void aDataDirectoryThatDoesNotExistIsRefusedNotMade() {
        java.nio.file.Path typo = dir.resolve("dta");
        CapturedRun r = CapturedRun.of("sql", "--data", typo.toString(), "SELECT 1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("there is no data directory " + typo);
        assertThat(typo).doesNotExist();
    }
}
