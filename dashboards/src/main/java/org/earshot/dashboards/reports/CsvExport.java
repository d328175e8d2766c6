package org.earshot.dashboards.reports;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.earshot.dashboards.views.Table;

/**
 * One view's table as CSV (RFC 4180, UTF-8): a header of the column names, then the rows as the API has them (times
 * in ISO-8601 UTC, numbers as numbers). Read by any spreadsheet or {@code pandas.read_csv}. A text that a spreadsheet
 * would run as a formula (a post starting with {@code =}, {@code +}, {@code -} or {@code @}) is written after a
 * {@code '}, as OWASP advises against CSV injection.
 */
final class CsvExport {
    private CsvExport() {}

    static void write(Report.Section section, OutputStream out) throws IOException {
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().build(text);
        Table table = section.table();
        csv.writeRecord(table.columns().stream().map(Table.Column::name).toList());
        for (List<Object> row : table.rows()) {
            String[] fields = new String[row.size()];
            for (int i = 0; i < fields.length; i++) {
                Object v = row.get(i);
                fields[i] = v == null ? "" : table.columns().get(i).type().equals("text") ? inert(String.valueOf(v)) : String.valueOf(v);
            }
            csv.writeRecord(fields);
        }
        csv.flush();
        text.flush();
    }

    /** The text, or {@code '} and the text when a spreadsheet would read it as a formula. */
    static String inert(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
