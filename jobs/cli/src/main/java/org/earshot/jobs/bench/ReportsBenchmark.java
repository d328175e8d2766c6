package org.earshot.jobs.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.earshot.dashboards.Database;
import org.earshot.dashboards.reports.ExportFormat;
import org.earshot.dashboards.reports.Exports;
import org.earshot.dashboards.reports.Report;
import org.earshot.dashboards.reports.Reports;
import org.earshot.dashboards.views.Filter;
import org.earshot.dashboards.views.Period;
import org.earshot.dashboards.views.Scope;
import org.earshot.dashboards.views.Views;
import org.earshot.jobs.Migrations;
import org.earshot.local.clickhouse.ChdbEngine;
import org.earshot.local.clickhouse.http.ClickHouseHttpServer;
import org.earshot.local.clickhouse.http.FrontOptions;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;

/**
 * {@code earshot bench reports}: N mention rows over 30 days matched by five rules, made inside ClickHouse as
 * {@code bench dashboards} makes them, then a project of those five rules: its 30-day PDF report (against making
 * the report's numbers alone, the baseline), and an XLSX listing all N mentions (against streaming the same rows
 * from ClickHouse without writing them), with the heap's peak while each is written, for N and for a tenth of N
 * (equal peaks: the memory does not grow with the rows).
 */
public final class ReportsBenchmark {
    static final int RULES = 5;

    /** Seconds and heap peaks measured; the XLSX at N rows and at N / 10. */
    public record Result(long rows, double pdfSeconds, double numbersSeconds, long pdfBytes, double xlsxSeconds, double streamSeconds,
                         long xlsxBytes, long xlsxPeakHeap, long tenthPeakHeap, long idleHeap) {}

    private final Path dir;
    private final long rows;
    private final PrintStream out;

    public ReportsBenchmark(Path dir, long rows, PrintStream out) {
        this.dir = dir;
        this.rows = rows;
        this.out = out;
    }

    public Result run() throws Exception {
        String password = UUID.randomUUID().toString();
        try (ChdbEngine engine = ChdbEngine.open(dir.resolve("clickhouse"));
             ClickHouseHttpServer clickhouse = ClickHouseHttpServer.start(engine, FrontOptions.loopback(0, password))) {
            ClickHouseSinkOptions options = ClickHouseSinkOptions.of(clickhouse.jdbcUrl(), password);
            Migrations.apply(options);
            long started = System.nanoTime();
            DashboardsBenchmark.load(options, rows, RULES);
            out.printf("made %,d mention rows over 30 days, %d rules, and their aggregates inside ClickHouse in %.1f s%n", rows, RULES,
                    (System.nanoTime() - started) / 1e9);
            DashboardsBenchmark.settle(options);
            Views views = new Views(new Database(options::connect));
            List<String> rules = new ArrayList<>();
            for (int r = 0; r < RULES; r++) rules.add("rule-" + r);
            Scope project = new Scope("project", "bench", "Bench", rules.subList(0, 3), rules.subList(3, RULES));
            Scope all = new Scope("project", "all", "All five", rules, List.of());
            Reports reports = new Reports(views, () -> java.util.Map.of());
            Period month = Period.of(DashboardsBenchmark.START, DashboardsBenchmark.END, null, DashboardsBenchmark.END);

            // The 30-day PDF of a project of five rules (three the brand's, two its competitors'), against its numbers alone.
            write(reports, views, project, month, ExportFormat.PDF); // warm-up
            double[] numbers = new double[3];
            double[] pdf = new double[3];
            long pdfBytes = 0;
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                reports.make(project, month, Filter.NONE, null);
                numbers[i] = (System.nanoTime() - t) / 1e9;
                t = System.nanoTime();
                pdfBytes = write(reports, views, project, month, ExportFormat.PDF).bytes;
                pdf[i] = (System.nanoTime() - t) / 1e9;
            }
            Arrays.sort(numbers);
            Arrays.sort(pdf);

            // Every mention into one workbook, watching the heap; a tenth of them the same way.
            long idle = settledHeap();
            Period tenth = Period.of(DashboardsBenchmark.END.minus(java.time.Duration.ofDays(3)), DashboardsBenchmark.END, null, DashboardsBenchmark.END);
            Written small = write(reports, views, all, tenth, ExportFormat.XLSX);
            long t = System.nanoTime();
            AtomicLong streamed = new AtomicLong();
            views.eachMention(all, month, Filter.NONE, row -> streamed.incrementAndGet());
            double stream = (System.nanoTime() - t) / 1e9;
            if (streamed.get() != rows) throw new IllegalStateException("streamed " + streamed.get() + " mentions of " + rows);
            Written big = write(reports, views, all, month, ExportFormat.XLSX);
            return new Result(rows, pdf[1], numbers[1], pdfBytes, big.seconds, stream, big.bytes, big.peakHeap, small.peakHeap, idle);
        }
    }

    private record Written(double seconds, long bytes, long peakHeap) {}

    /** Writes the report to a file, sampling the heap in use every 5 ms meanwhile. */
    private Written write(Reports reports, Views views, Scope scope, Period period, ExportFormat format) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        Path file = dir.resolve("report." + format.extension());
        settledHeap(); // each export's peak starts from the same floor
        long t = System.nanoTime();
        sampler.start();
        try {
            Report report = reports.make(scope, period, Filter.NONE, null);
            try (OutputStream o = Files.newOutputStream(file)) {
                Exports.write(report, format, views, Filter.NONE, o);
            }
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        return new Written((System.nanoTime() - t) / 1e9, Files.size(file), peak.get());
    }

    /** The heap in use after a full collection: what the process holds before an export starts. */
    private static long settledHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
