package org.earshot.jobs.cli;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.earshot.dashboards.Database;
import org.earshot.dashboards.reports.ExportFormat;
import org.earshot.dashboards.reports.Exports;
import org.earshot.dashboards.reports.Report;
import org.earshot.dashboards.reports.Reports;
import org.earshot.dashboards.rules.Projects;
import org.earshot.dashboards.rules.RuleBook;
import org.earshot.dashboards.server.ApiException;
import org.earshot.dashboards.views.Filter;
import org.earshot.dashboards.views.Period;
import org.earshot.dashboards.views.Scope;
import org.earshot.dashboards.views.Scopes;
import org.earshot.dashboards.views.Views;
import org.earshot.jobs.local.ClickHouseConnection;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.KafkaConnection;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.pipeline.kafka.RulesTopic;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code earshot report}: a rule's or a project's views for a period as a file, made by the same code and from the
 * same numbers as the dashboards' exports.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Export a rule's or a project's views for a period: a PDF report or PPTX slides to hand on, an XLSX "
                               + "workbook (a sheet per view and every mention), or one view's table as CSV or chart as PNG.",
                "Times are ISO-8601, e.g. 2026-12-01T00:00:00Z; without --from, --range (default 24h) back from --to (default now).",
                "For example:",
                "  earshot report --project aurora-vs-nimbus --range 7d --format pdf --out week.pdf",
                "earshot report schedule|schedules|unschedule: reports emailed daily or weekly."},
        subcommands = {ReportScheduleCommands.Add.class, ReportScheduleCommands.Listed.class, ReportScheduleCommands.Remove.class})
final class ReportCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions settings;

    static final class Target {
        @Option(names = "--rule", paramLabel = "ID", required = true, description = "The rule reported on (or --project).")
        String rule;

        @Option(names = "--project", paramLabel = "ID", required = true, description = "The project reported on (its brand's rules; share of voice against its competitors).")
        String project;
    }

    // Checked in call() rather than by picocli, so that a subcommand (schedule, …) needs none of them.
    @ArgGroup(multiplicity = "0..1")
    Target target;

    @Option(names = "--from", paramLabel = "TIME", description = "Start of the period (ISO-8601).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End of the period, exclusive (ISO-8601; default now).")
    String to;

    @Option(names = "--range", paramLabel = "LENGTH", description = "Instead of --from: the period's length back from --to, e.g. 24h, 7d, 30d.")
    String range;

    @Option(names = "--format", paramLabel = "FORMAT", description = "pdf, pptx, xlsx, csv or png (required).")
    String format;

    @Option(names = "--view", paramLabel = "VIEW", description = "Only this view (needed for csv and png): volume, sentiment, emotions, "
            + "share-of-voice, top-authors, trending, top-mentions.")
    String view;

    @Option(names = "--network", split = ",", paramLabel = "NETWORK", description = "Only these networks (repeatable or comma-separated).")
    List<String> networks = List.of();

    @Option(names = "--lang", split = ",", paramLabel = "LANG", description = "Only these languages.")
    List<String> langs = List.of();

    @Option(names = "--sentiment", split = ",", paramLabel = "SENTIMENT", description = "Only positive, neutral or negative mentions.")
    List<String> sentiments = List.of();

    @Option(names = "--out", paramLabel = "FILE", description = "The file to write, replaced only once the report is whole (required).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (target == null) throw new IllegalArgumentException("give --rule ID or --project ID");
        if (format == null || out == null) throw new IllegalArgumentException("give --format (pdf, pptx, xlsx, csv or png) and --out FILE");
        ExportFormat exportFormat = ExportFormat.of(format);
        if (exportFormat.oneView && view == null) {
            throw new IllegalArgumentException("--format " + exportFormat.extension() + " holds one view: add --view, one of " + Reports.VIEWS.keySet());
        }
        for (String s : sentiments) {
            if (!Views.SENTIMENTS.contains(s)) throw new IllegalArgumentException("--sentiment must be positive, neutral or negative, not '" + s + "'");
        }
        Period period = period();
        Filter filter = new Filter(networks, langs, sentiments);
        EarshotConfig config = settings.config();
        DataDirectory data = new DataDirectory(settings.data());
        try (KafkaConnection kafka = KafkaConnection.open(config, data); ClickHouseConnection clickhouse = ClickHouseConnection.open(config, data, 0)) {
            clickhouse.migrate(config);
            Database db = new Database(clickhouse::connect);
            Views views = new Views(db);
            Scopes scopes = new Scopes(new RuleBook(new RulesTopic(kafka.settings())), new Projects(db));
            Report report;
            try {
                Scope scope = target.rule != null ? scopes.rule(target.rule) : scopes.project(target.project);
                report = new Reports(views, scopes::names).make(scope, period, filter, view);
            } catch (ApiException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path partial = Files.createTempFile(parent, ".earshot-report-", ".part");
            try {
                try (OutputStream file = Files.newOutputStream(partial)) {
                    Exports.write(report, exportFormat, views, filter, file);
                }
                Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            System.out.printf("Wrote %s (%,d bytes): %s, %s to %s by %s%s.%n", out, Files.size(out), report.title(), report.period().from(),
                    report.period().to(), report.period().bucket().id(), report.empty() ? "; no mentions in this period" : "");
        }
        return 0;
    }

    private Period period() {
        if (range != null && from != null) throw new IllegalArgumentException("give --from or --range, not both");
        Instant end = to == null ? Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : instant("--to", to);
        Instant start = from != null ? instant("--from", from) : range != null ? end.minus(length()) : null;
        try {
            return Period.of(start, end, null, end);
        } catch (ApiException e) {
            throw new IllegalArgumentException(e.getMessage().replace("parameter 'from'", "--from").replace("'to'", "--to"), e);
        }
    }

    private Duration length() {
        try {
            return Period.length(range);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--range must be " + e.getMessage(), e);
        }
    }

    private static Instant instant(String option, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z, not '" + value + "'");
        }
    }
}
