package org.earshot.dashboards.reports;

import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.earshot.dashboards.views.Table;
import org.earshot.dashboards.views.Views;

/**
 * A report as a workbook: a "Report" sheet (what, when, filters, every view's totals against the previous period),
 * one sheet per view's table, and a "Mentions" sheet of every mention counted. Numbers are number cells and times
 * date cells (in UTC, said in the header), so they sum and sort. Sheets are streamed ({@code SXSSFWorkbook}: a
 * hundred rows in memory, the rest in a compressed temporary file), so a year of mentions fits in the same memory
 * as a day's; past Excel's 1,048,576 rows the mentions go on in "Mentions 2", and so on.
 */
final class XlsxExport {
    static final int MAX_ROWS = 1_048_576;

    /** The mentions to list, each one's values in the order of {@link Views#MENTION_COLUMNS}. */
    interface Mentions {
        void each(Views.MentionSink sink) throws Exception;
    }

    private XlsxExport() {}

    static void write(Report report, Mentions mentions, OutputStream out) throws Exception {
        SXSSFWorkbook book = new SXSSFWorkbook(100);
        book.setCompressTempFiles(true);
        try {
            Styles styles = new Styles(book);
            summary(book.createSheet("Report"), report, styles);
            for (Report.Section s : report.sections()) table(book.createSheet(s.title()), s.table(), styles);
            if (mentions != null) mentionSheets(book, mentions, styles);
            book.write(out);
        } finally {
            book.close();
            book.dispose();
        }
    }

    private static void summary(SXSSFSheet sheet, Report report, Styles styles) {
        int r = 0;
        Row title = sheet.createRow(r++);
        cell(title, 0, report.title(), styles.bold);
        text(sheet.createRow(r++), "scope", report.scope().kind() + " " + report.scope().id());
        date(sheet.createRow(r++), "from (UTC)", report.period().from(), styles);
        date(sheet.createRow(r++), "to (UTC)", report.period().to(), styles);
        text(sheet.createRow(r++), "bucket", report.period().bucket().id());
        text(sheet.createRow(r++), "filters", report.filterLine());
        date(sheet.createRow(r++), "generated (UTC)", report.generated(), styles);
        if (report.empty()) text(sheet.createRow(r++), "note", "No mentions in this period.");
        r++;
        Row head = sheet.createRow(r++);
        cell(head, 0, "view", styles.bold);
        cell(head, 1, "total", styles.bold);
        cell(head, 2, "this period", styles.bold);
        cell(head, 3, "previous period", styles.bold);
        for (Report.Section s : report.sections()) {
            for (Map.Entry<String, Object> t : s.totals().entrySet()) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(s.title());
                row.createCell(1).setCellValue(t.getKey());
                value(row.createCell(2), t.getValue());
                Object before = s.previous().get(t.getKey());
                if (before != null) value(row.createCell(3), before);
            }
        }
        sheet.setColumnWidth(0, 26 * 256);
        sheet.setColumnWidth(1, 22 * 256);
        sheet.setColumnWidth(2, 22 * 256);
        sheet.setColumnWidth(3, 18 * 256);
    }

    private static void table(SXSSFSheet sheet, Table table, Styles styles) {
        header(sheet, table.columns(), styles);
        int r = 1;
        for (List<Object> values : table.rows()) {
            Row row = sheet.createRow(r++);
            for (int i = 0; i < values.size(); i++) typed(row.createCell(i), table.columns().get(i), values.get(i), styles);
        }
    }

    private static void mentionSheets(SXSSFWorkbook book, Mentions mentions, Styles styles) throws Exception {
        int[] at = {0};
        int[] sheets = {0};
        SXSSFSheet[] sheet = {null};
        mentions.each(values -> {
            if (sheet[0] == null || at[0] == MAX_ROWS) {
                sheets[0]++;
                sheet[0] = book.createSheet(sheets[0] == 1 ? "Mentions" : "Mentions " + sheets[0]);
                header(sheet[0], Views.MENTION_COLUMNS, styles);
                at[0] = 1;
            }
            Row row = sheet[0].createRow(at[0]++);
            for (int i = 0; i < values.length; i++) typed(row.createCell(i), Views.MENTION_COLUMNS.get(i), values[i], styles);
        });
        if (sheet[0] == null) {
            header(book.createSheet("Mentions"), Views.MENTION_COLUMNS, styles);
        }
    }

    private static void header(SXSSFSheet sheet, List<Table.Column> columns, Styles styles) {
        Row head = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Table.Column c = columns.get(i);
            cell(head, i, c.type().equals("time") ? c.name() + " (UTC)" : c.name(), styles.bold);
            sheet.setColumnWidth(i, (c.type().equals("time") ? 20 : c.name().equals("text") ? 60 : 14) * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    /** A value by its column's type: a time as a date cell, a count or number as a number cell, the rest as text. */
    private static void typed(Cell cell, Table.Column column, Object v, Styles styles) {
        if (v == null) return;
        switch (column.type()) {
            case "time" -> {
                cell.setCellValue(LocalDateTime.ofInstant(v instanceof Instant t ? t : Instant.parse(String.valueOf(v)), ZoneOffset.UTC));
                cell.setCellStyle(styles.date);
            }
            case "count", "number" -> cell.setCellValue(((Number) v).doubleValue());
            default -> cell.setCellValue(String.valueOf(v));
        }
    }

    private static void value(Cell cell, Object v) {
        if (v instanceof Number n) cell.setCellValue(n.doubleValue());
        else cell.setCellValue(String.valueOf(v));
    }

    private static void text(Row row, String name, String value) {
        row.createCell(0).setCellValue(name);
        row.createCell(1).setCellValue(value);
    }

    private static void date(Row row, String name, Instant value, Styles styles) {
        row.createCell(0).setCellValue(name);
        Cell c = row.createCell(1);
        c.setCellValue(LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        c.setCellStyle(styles.date);
    }

    private static void cell(Row row, int i, String value, CellStyle style) {
        Cell c = row.createCell(i);
        c.setCellValue(value);
        c.setCellStyle(style);
    }

    /** The workbook's few styles, made once (a workbook holds at most 64,000). */
    private static final class Styles {
        final CellStyle bold;
        final CellStyle date;

        Styles(SXSSFWorkbook book) {
            Font font = book.createFont();
            font.setBold(true);
            bold = book.createCellStyle();
            bold.setFont(font);
            date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
        }
    }
}
