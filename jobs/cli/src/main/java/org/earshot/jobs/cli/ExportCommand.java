package org.earshot.jobs.cli;

import org.earshot.jobs.settings.ClickHouseKeys;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.earshot.jobs.console.Text;
import org.earshot.jobs.local.ClickHouseConnection;
import org.earshot.jobs.local.ClickHouseOutput;
import org.earshot.jobs.local.DataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code earshot export}: a rule's mentions over a time range, every column, to a file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Save the mentions a rule matched in a time range, with every column of the mentions table, as CSV "
                               + "(with a header row) or JSON lines, oldest first. An edited mention is saved as last edited."})
final class ExportCommand implements Callable<Integer> {
    /** The mentions a rule matched: the rule's matches decide which, the mentions table what they say now. */
    static final String SQL = "SELECT * FROM mentions FINAL"
            + " WHERE id IN (SELECT mention_id FROM mention_rules WHERE rule_id = {rule:String})"
            + " AND published_at >= {from:DateTime64(3, 'UTC')} AND published_at < {to:DateTime64(3, 'UTC')}"
            + " ORDER BY published_at, id";
    private static final String COUNT = "SELECT count() FROM (" + SQL + ")";
    private static final DateTimeFormatter CLICKHOUSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    enum Format {
        csv("CSVWithNames"), jsonl("JSONEachRow");

        final String clickhouse;

        Format(String clickhouse) {
            this.clickhouse = clickhouse;
        }
    }

    @Mixin
    SettingsOptions settings;

    @Option(names = "--rule", required = true, paramLabel = "ID", description = "The rule whose mentions to save.")
    String rule;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "From this time on, e.g. 2026-12-01T00:00:00Z or 2026-12-01 (UTC).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "TIME", description = "Until (not including) this time, e.g. 2026-12-02T00:00:00Z or 2026-12-02.")
    String to;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT", description = "csv (default) or jsonl.")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write ('-' for standard output).")
    String out;

    @Override
    public Integer call() throws Exception {
        Instant start = time("--from", from);
        Instant end = time("--to", to);
        if (!end.isAfter(start)) throw new IllegalArgumentException("--to (" + end + ") must be after --from (" + start + ")");
        Map<String, String> params = Map.of("rule", rule, "from", CLICKHOUSE_TIME.format(start), "to", CLICKHOUSE_TIME.format(end));
        var config = settings.config();
        DataDirectory data = config.isSet(ClickHouseKeys.URL) ? new DataDirectory(settings.data()) : DataDirectory.existing(settings.data());
        try (ClickHouseConnection clickhouse = ClickHouseConnection.open(config, data, 0)) {
            ClickHouseOutput output = ClickHouseOutput.of(clickhouse);
            long rows = count(output, params);
            try (OutputStream sink = out.equals("-") ? StandardOutput.kept() : Files.newOutputStream(Path.of(out));
                 OutputStream buffered = new BufferedOutputStream(sink, 1 << 16)) {
                output.write(SQL, format.clickhouse, params, buffered);
            }
            System.err.printf("exported %,d mentions of rule %s from %s to %s%s%n", rows, rule, start, end,
                    out.equals("-") ? "" : " to " + out);
            if (rows == 0) System.err.println("earshot: no mentions; earshot rules list shows the rules, earshot sql can look at mention_rules");
            return 0;
        } catch (SQLException e) {
            System.err.println("earshot: ClickHouse error " + e.getErrorCode() + ": " + Text.printable(String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
            return 1;
        }
    }

    private static long count(ClickHouseOutput clickhouse, Map<String, String> params) throws Exception {
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        clickhouse.write(COUNT, "TabSeparated", params, answer);
        return Long.parseLong(answer.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
    }

    /** An ISO-8601 instant, or a date meaning its midnight in UTC. */
    static Instant time(String option, String value) {
        try {
            return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " takes a time such as 2026-12-01T00:00:00Z or a date such as 2026-12-01, not '" + value + "'");
        }
    }
}
