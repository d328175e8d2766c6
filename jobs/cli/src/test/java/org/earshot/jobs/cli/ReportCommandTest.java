package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot report} on a demo's data directory: each file opens in its reader and counts what ClickHouse holds. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesReportsOfADemosDataAndNamesBadRequests() throws Exception {
        CapturedRun demo = CapturedRun.of("demo", "--for", "10s", "--rate", "300", "--data", dir.toString(), "--set", "kafka.embedded.port=0",
                "--set", "dashboards.port=0");
        assertThat(demo.exit()).as(demo.err()).isZero();
        long matched = sql("SELECT count() FROM mention_rules FINAL WHERE rule_id = 'aurora'");
        assertThat(matched).isPositive();

        Path xlsx = dir.resolve("out/aurora.xlsx");
        CapturedRun made = report("--rule", "aurora", "--range", "2h", "--format", "xlsx", "--out", xlsx.toString());
        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(made.out()).contains("Wrote", "aurora.xlsx", "Aurora");
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(xlsx))) {
            assertThat(book.getSheet("Mentions").getLastRowNum()).as("a row per mention the rule matched").isEqualTo(matched);
        }

        Path csv = dir.resolve("out/volume.csv");
        assertThat(report("--rule", "aurora", "--range", "2h", "--format", "csv", "--view", "volume", "--out", csv.toString()).exit()).isZero();
        long counted = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            for (CsvRecord r : reader) if (r.getStartingLineNumber() > 1) counted += Long.parseLong(r.getField(2));
        }
        assertThat(counted).as("the volume's rows add up to the matches").isEqualTo(matched);

        Path pdf = dir.resolve("out/aurora.pdf");
        assertThat(report("--project", "aurora-vs-nimbus", "--range", "2h", "--format", "pdf", "--out", pdf.toString()).exit()).isZero();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(5);
            assertThat(new PDFTextStripper().getText(doc)).contains("project report", "Share of voice", "Generated");
        }

        CapturedRun docx = report("--rule", "aurora", "--format", "docx", "--out", dir.resolve("x.docx").toString());
        assertThat(docx.exit()).isNotZero();
        assertThat(docx.err()).contains("unknown format 'docx'", "pdf");
        CapturedRun unknown = report("--rule", "nope", "--format", "pdf", "--out", dir.resolve("x.pdf").toString());
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("no rule 'nope'");
        assertThat(dir.resolve("x.pdf")).doesNotExist();
        CapturedRun noView = report("--rule", "aurora", "--format", "png", "--out", dir.resolve("x.png").toString());
        assertThat(noView.err()).contains("--view");

        // Scheduled: kept where earshot serve sends it from, listed, stopped.
        CapturedRun scheduled = report("schedule", "--project", "aurora-vs-nimbus", "--weekly", "monday", "--at", "08:00", "--zone",
                "Europe/Berlin", "--email", "boss@example.org");
        assertThat(scheduled.exit()).as(scheduled.err()).isZero();
        assertThat(scheduled.out()).contains("Scheduled sch_", "every monday at 08:00 Europe/Berlin", "boss@example.org");
        String id = scheduled.out().replaceAll("(?s).*Scheduled (sch_\\w+).*", "$1");
        assertThat(report("schedules").out()).contains(id, "project aurora-vs-nimbus", "none yet");
        CapturedRun badZone = report("schedule", "--rule", "aurora", "--daily", "--at", "08:00", "--zone", "Atlantis", "--email", "a@example.org");
        assertThat(badZone.exit()).isNotZero();
        assertThat(badZone.err()).contains("'zone'", "Atlantis");
        assertThat(report("unschedule", id).out()).contains("Stopped " + id);
        assertThat(report("schedules").out()).doesNotContain(id);
    }

    private CapturedRun report(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--data";
        all[args.length + 2] = dir.toString();
        return CapturedRun.of(all);
    }

    private long sql(String query) {
        CapturedRun run = CapturedRun.of("sql", "--format", "tsv", "--data", dir.toString(), query);
        assertThat(run.exit()).as(run.err()).isZero();
        return Long.parseLong(run.out().lines().skip(1).findFirst().orElseThrow().strip());
    }
}
