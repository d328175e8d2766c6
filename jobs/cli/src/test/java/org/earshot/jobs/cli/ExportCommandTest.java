package org.earshot.jobs.cli;

import org.earshot.pipeline.testing.EarshotSchema;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.earshot.local.testing.TestClickHouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot export}: a rule's mentions in a time range, every column, as a file a spreadsheet opens. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void aRulesMentionsInARangeWithEveryColumn() throws Exception {
        try (TestClickHouse clickhouse = TestClickHouse.start(dir.resolve("clickhouse")).setUp(EarshotSchema::apply);
             Connection c = clickhouse.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO mentions (id, network, text, author_handle, published_at, hashtags, rule_ids) VALUES "
                    + "('m1', 'mastodon', 'Aurora''s update, \"great\"', 'ana', '2026-12-01 10:00:00', ['aurora'], ['aurora']),"
                    + "('m2', 'reddit', 'aurora again', 'bo', '2026-12-01 23:59:59', [], ['aurora']),"
                    + "('m3', 'rss', 'aurora tomorrow', 'cy', '2026-12-02 00:00:00', [], ['aurora']),"
                    + "('m4', 'rss', 'nimbus only', 'di', '2026-12-01 12:00:00', [], ['nimbus'])");
            s.execute("INSERT INTO mention_rules (rule_id, mention_id, published_at) VALUES ('aurora', 'm1', '2026-12-01 10:00:00'),"
                    + " ('aurora', 'm2', '2026-12-01 23:59:59'), ('aurora', 'm3', '2026-12-02 00:00:00'), ('nimbus', 'm4', '2026-12-01 12:00:00')");
        }
        Path csv = dir.resolve("aurora.csv");
        CapturedRun r = CapturedRun.of("export", "--data", dir.toString(), "--rule", "aurora", "--from", "2026-12-01", "--to", "2026-12-02T00:00:00Z",
                "--out", csv.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("exported 2 mentions of rule aurora");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(Files.newBufferedReader(csv)).getRecords();
        assertThat(rows).extracting(row -> row.get("id")).containsExactly("m1", "m2");
        assertThat(rows.get(0).get("text")).isEqualTo("Aurora's update, \"great\"");
        assertThat(rows.get(0).toMap()).containsKeys("network", "author_handle", "published_at", "reach", "sentiment", "hashtags", "rule_ids", "published_at_claimed");

        Path jsonl = dir.resolve("aurora.jsonl");
        assertThat(CapturedRun.of("export", "--data", dir.toString(), "--rule", "aurora", "--from", "2026-12-01T00:00:00Z", "--to", "2026-12-03",
                "--format", "jsonl", "--out", jsonl.toString()).exit()).isZero();
        assertThat(Files.readAllLines(jsonl)).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("{\"id\":"));

        CapturedRun backwards = CapturedRun.of("export", "--data", dir.toString(), "--rule", "aurora", "--from", "2026-12-02", "--to", "2026-12-01", "--out", "-");
        assertThat(backwards.exit()).isEqualTo(2);
        assertThat(backwards.err()).contains("--to (2026-12-01T00:00:00Z) must be after --from");
    }
}
