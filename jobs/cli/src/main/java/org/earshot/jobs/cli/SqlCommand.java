package org.earshot.jobs.cli;

import org.earshot.jobs.settings.ClickHouseKeys;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.earshot.jobs.console.Text;
import org.earshot.jobs.local.ClickHouseConnection;
import org.earshot.jobs.local.ClickHouseOutput;
import org.earshot.jobs.local.DataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot sql}: one statement against the configured ClickHouse. A table for reading on a
 * terminal; CSV, TSV, JSON or JSON lines (ClickHouse's own formats, streamed) for taking away,
 * and so does a FORMAT clause of the statement's own.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run one SQL statement against the configured ClickHouse (clickhouse.url), or the embedded one (the "
                               + "running demo's, or this data directory's), and print the result: a table by default, or --format "
                               + "csv, tsv, json or jsonl streamed as ClickHouse writes them (redirect to a file: earshot sql "
                               + "--format csv \"…\" > out.csv).",
                "A FORMAT clause in the statement works too and prints that format as is."})
final class SqlCommand implements Callable<Integer> {
    /** {@code … FORMAT Name} at the end of a statement (before SETTINGS, if any). */
    private static final Pattern FORMAT_CLAUSE = Pattern.compile("(?is).*\\bFORMAT\\s+\\w+\\s*(SETTINGS\\b.*)?;?\\s*");

    /** How the answer is printed. */
    enum Format {
        table(null), csv("CSVWithNames"), tsv("TabSeparatedWithNames"), json("JSON"), jsonl("JSONEachRow");

        final String clickhouse;

        Format(String clickhouse) {
            this.clickhouse = clickhouse;
        }
    }

    @Mixin
    SettingsOptions settings;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table (default), csv, tsv, json (ClickHouse's JSON: meta, data and statistics) or jsonl (one object a row).")
    Format format;

    @Option(names = "--max-width", defaultValue = "0", paramLabel = "N",
            description = "In a table, cut values longer than N characters with … (default: 0, never cut).")
    int maxWidth;

    @Parameters(paramLabel = "SQL", description = "The statement, e.g. \"SELECT count() FROM mentions\".")
    String sql;

    @Override
    public Integer call() throws Exception {
        boolean ownFormat = FORMAT_CLAUSE.matcher(sql).matches();
        if (ownFormat && format != Format.table) {
            throw new IllegalArgumentException("the statement has its own FORMAT clause; drop it or --format " + format);
        }
        var config = settings.config();
        DataDirectory data = config.isSet(ClickHouseKeys.URL) ? new DataDirectory(settings.data()) : DataDirectory.existing(settings.data());
        try (ClickHouseConnection clickhouse = ClickHouseConnection.open(config, data, 0)) {
            if (ownFormat || format != Format.table) {
                try (OutputStream out = new BufferedOutputStream(StandardOutput.kept(), 1 << 16)) {
                    ClickHouseOutput.of(clickhouse).write(sql, ownFormat ? "TabSeparated" : format.clickhouse, Map.of(), out);
                }
                return 0;
            }
            try (Connection c = clickhouse.connect(); Statement s = c.createStatement()) {
                if (!s.execute(sql)) {
                    System.out.println("ok" + (s.getUpdateCount() > 0 ? ", " + s.getUpdateCount() + " rows written" : ""));
                    return 0;
                }
                try (ResultSet rs = s.getResultSet()) {
                    print(rs);
                }
                return 0;
            }
        } catch (SQLException e) {
            System.err.println("earshot: ClickHouse error " + e.getErrorCode() + ": " + Text.printable(Text.firstLine(e.getMessage())));
            if (e.getErrorCode() == 497 && String.valueOf(e.getMessage()).contains("INTO OUTFILE")) {
                System.err.println("earshot: to save an answer in a file, print it in the format you want and redirect it:"
                        + " earshot sql --format csv \"SELECT …\" > answer.csv");
            }
            return 1;
        }
    }

    private void print(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[columns];
        for (int i = 0; i < columns; i++) header[i] = Text.printable(meta.getColumnLabel(i + 1));
        rows.add(header);
        while (rs.next()) {
            String[] row = new String[columns];
            for (int i = 0; i < columns; i++) row[i] = Text.cell(rs.getString(i + 1), maxWidth);
            rows.add(row);
        }
        int[] widths = new int[columns];
        for (String[] row : rows) for (int i = 0; i < columns; i++) widths[i] = Math.max(widths[i], row[i].length());
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", rows.get(r)[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                for (int i = 0; i < columns; i++) out.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
                out.append('\n');
            }
        }
        out.append(rows.size() - 1).append(rows.size() == 2 ? " row" : " rows");
        System.out.println(out.toString().stripTrailing());
    }

}
