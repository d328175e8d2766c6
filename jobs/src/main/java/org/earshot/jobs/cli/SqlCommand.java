package org.earshot.jobs.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.earshot.jobs.local.ClickHouseConnection;
import org.earshot.jobs.local.DataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code earshot sql}: one statement against the configured ClickHouse, the result as a table. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run one SQL statement against the configured ClickHouse (clickhouse.url), or the embedded one",
                "(the running demo's, or this data directory's), and print the result as a table."})
final class SqlCommand implements Callable<Integer> {
    private static final int MAX_CELL = 60;

    @Mixin
    SettingsOptions settings;

    @Parameters(paramLabel = "SQL", description = "The statement, e.g. \"SELECT count() FROM mentions\".")
    String sql;

    @Override
    public Integer call() throws Exception {
        try (ClickHouseConnection clickhouse = ClickHouseConnection.open(settings.config(), new DataDirectory(settings.data()), 0);
             Connection c = clickhouse.connect();
             Statement s = c.createStatement()) {
            if (!s.execute(sql)) {
                System.out.println("ok" + (s.getUpdateCount() > 0 ? ", " + s.getUpdateCount() + " rows written" : ""));
                return 0;
            }
            try (ResultSet rs = s.getResultSet()) {
                print(rs);
            }
            return 0;
        } catch (SQLException e) {
            System.err.println("earshot: ClickHouse error " + e.getErrorCode() + ": " + printable(firstLine(e.getMessage())));
            return 1;
        }
    }

    private static void print(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[columns];
        for (int i = 0; i < columns; i++) header[i] = printable(meta.getColumnLabel(i + 1));
        rows.add(header);
        while (rs.next()) {
            String[] row = new String[columns];
            for (int i = 0; i < columns; i++) row[i] = cell(rs.getString(i + 1));
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

    static String cell(String value) {
        if (value == null) return "NULL";
        String flat = printable(value.replace("\n", "\\n").replace("\t", "\\t"));
        return flat.length() <= MAX_CELL ? flat : flat.substring(0, MAX_CELL - 1) + "…";
    }

    /**
     * The text without control characters (escape sequences would drive the reader's terminal:
     * move the cursor, rewrite earlier lines, set the window title) or bidirectional overrides
     * (which make text read in another order than it is stored).
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> Character.getType(cp) != Character.CONTROL && !isBidiControl(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
    }

    private static String firstLine(String message) {
        if (message == null) return "";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
