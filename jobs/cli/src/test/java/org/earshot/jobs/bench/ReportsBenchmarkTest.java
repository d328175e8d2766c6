package org.earshot.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot bench reports}, small: its rows load, the PDF and the workbook are written and timed. */
class ReportsBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void writesTheMonthsPdfAndEveryMentionsWorkbook() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportsBenchmark.Result r = new ReportsBenchmark(dir, 20_000, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("made 20,000 mention rows over 30 days, 5 rules");
        assertThat(r.pdfBytes()).isGreaterThan(10_000);
        assertThat(r.pdfSeconds()).isPositive();
        assertThat(r.numbersSeconds()).isPositive();
        // The workbook holds every mention: far more bytes than the tenth's would.
        assertThat(r.xlsxBytes()).isGreaterThan(20_000L * 20);
        assertThat(r.xlsxPeakHeap()).isPositive();
    }
}
