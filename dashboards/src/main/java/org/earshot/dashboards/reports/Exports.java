package org.earshot.dashboards.reports;

import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.earshot.dashboards.views.Views;

/** Writes a report in a format: the one place the API, the command line and scheduled reports export through. */
public final class Exports {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Exports() {}

    /**
     * Writes {@code report} as {@code format}; CSV and PNG write its one section. An XLSX lists the mentions too, as
     * {@code views} streams them for the report's scope, period and filters.
     */
    public static void write(Report report, ExportFormat format, Views views, org.earshot.dashboards.views.Filter filter, OutputStream out) throws Exception {
        switch (format) {
            case PDF -> PdfExport.write(report, out);
            case PPTX -> PptxExport.write(report, out);
            case XLSX -> XlsxExport.write(report, sink -> views.eachMention(report.scope(), report.period(), filter, sink), out);
            case CSV -> CsvExport.write(only(report), out);
            case PNG -> Charts.png(only(report), out);
        }
    }

    /** {@code earshot-aurora-volume-20261201-0000.csv}: what the file is, of what, from when. */
    public static String filename(Report report, ExportFormat format) {
        String what = format.oneView ? "-" + report.sections().get(0).view() : "";
        return ("earshot-" + report.scope().id() + what + "-" + DAY.format(report.period().from())).replaceAll("[^A-Za-z0-9._-]", "_") + "."
                + format.extension();
    }

    private static Report.Section only(Report report) {
        if (report.sections().size() != 1) throw new IllegalArgumentException("CSV and PNG hold one view: name it");
        return report.sections().get(0);
    }
}
