package org.earshot.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot bench dashboards}, small: the rows it makes load, and every overview request it times is answered 200. */
class DashboardsBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void makesItsRowsAndTimesBothPaths() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DashboardsBenchmark.Result r = new DashboardsBenchmark(dir, 40_000, 3, 4, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("made 40,000 mention rows over 30 days, 20 rules",
                "checked: the volume of rule-0 through the server is the 2,000 mentions made for it");
        assertThat(r.serverMillis()).hasSize(12);
        assertThat(r.serverMillis()[0]).isPositive();
        assertThat(r.directMillis()).hasSize(12);
        assertThat(r.keptMillis()).hasSize(12);
        assertThat(r.keptComputed()).as("3 clients × 4 requests ask 12 distinct questions").isEqualTo(12);
        assertThat(r.directMillis()[0]).isPositive();
        assertThat(r.serverP99()).isGreaterThanOrEqualTo(r.serverP50());
    }
}
