package org.earshot.dashboards.reports;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.earshot.dashboards.views.Table;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A report as a PDF to hand on: its title, scope, period, filters and when it was made; every view's totals against
 * the period before; each chart (drawn by {@link Charts}) with its table; the top mentions; pages numbered. The
 * page is built as a document tree (jsoup, every text escaped by it), never parsed from text, and laid out by
 * openhtmltopdf on PDFBox, which breaks it into as many pages as it needs.
 */
final class PdfExport {
    /** A table longer than this shows its first rows and says where the rest are. */
    static final int ROWS = 60;
    private static final File FONTS = new File("/usr/share/fonts/truetype/dejavu");
    private static final String CSS = """
            @page { size: A4 landscape; margin: 16mm 14mm 18mm 14mm;
                    @bottom-right { content: "page " counter(page) " of " counter(pages); font-family: 'DejaVu Sans', sans-serif;
                                    font-size: 8pt; color: #555; } }
            body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; color: #111; }
            h1 { font-size: 20pt; margin: 0 0 4pt 0; } h2 { font-size: 14pt; margin: 14pt 0 6pt 0; page-break-after: avoid; }
            .meta td { padding: 1pt 10pt 1pt 0; } .note { font-size: 12pt; margin: 20pt 0; }
            table.data { border-collapse: collapse; width: 100%; margin-top: 6pt; -fs-table-paginate: paginate; }
            table.data th { text-align: left; border-bottom: 1pt solid #333; padding: 2pt 4pt; }
            table.data td { border-bottom: 0.5pt solid #ccc; padding: 2pt 4pt; vertical-align: top; }
            td.n, th.n { text-align: right; } img.chart { width: 72%; display: block; margin: 0 auto; }
            .view { page-break-before: always; } .more { color: #555; margin-top: 4pt; }
            """;

    static {
        com.openhtmltopdf.util.XRLog.setLoggerImpl(new PdfLog());
    }

    private PdfExport() {}

    static void write(Report report, OutputStream out) throws IOException {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        for (String[] f : new String[][] {{"DejaVuSans.ttf", "normal"}, {"DejaVuSans-Bold.ttf", "bold"}}) {
            File file = new File(FONTS, f[0]);
            if (file.isFile()) builder.useFont(file, "DejaVu Sans", f[1].equals("bold") ? 700 : 400, BaseRendererBuilder.FontStyle.NORMAL, true);
        }
        builder.withW3cDocument(new W3CDom().fromJsoup(page(report)), "/");
        builder.toStream(out);
        builder.run();
    }

    static Document page(Report report) throws IOException {
        Document doc = Document.createShell("");
        doc.title(report.title());
        doc.head().appendElement("style").appendText(CSS);
        Element body = doc.body();
        body.appendElement("h1").text(report.title());
        Element meta = body.appendElement("table").addClass("meta");
        row(meta, "Scope", report.scope().kind() + " " + report.scope().id());
        row(meta, "Period", report.periodLine() + ", by " + report.period().bucket().id());
        row(meta, "Filters", report.filterLine());
        row(meta, "Generated", Report.when(report.generated()));
        if (report.empty()) {
            body.appendElement("p").addClass("note").text("No mentions in this period: every view below is empty.");
        }
        body.appendElement("h2").text("Totals against the previous period");
        Element totals = body.appendElement("table").addClass("data");
        Element head = totals.appendElement("tr");
        for (String h : List.of("view", "total", "this period", "previous period")) {
            Element th = head.appendElement("th").text(h);
            if (h.endsWith("period")) th.addClass("n");
        }
        for (Report.Section s : report.sections()) {
            for (Map.Entry<String, Object> t : s.totals().entrySet()) {
                Element tr = totals.appendElement("tr");
                tr.appendElement("td").text(s.title());
                tr.appendElement("td").text(t.getKey());
                tr.appendElement("td").addClass("n").text(Report.number(t.getValue()));
                tr.appendElement("td").addClass("n").text(s.previous().containsKey(t.getKey()) ? Report.number(s.previous().get(t.getKey())) : "");
            }
        }
        for (Report.Section s : report.sections()) {
            Element view = body.appendElement("div").addClass("view");
            view.appendElement("h2").text(s.title());
            if (s.empty()) {
                view.appendElement("p").text("No mentions in this period.");
                continue;
            }
            if (Charts.drawn(s.view())) {
                view.appendElement("img").addClass("chart").attr("src", "data:image/png;base64," + Base64.getEncoder().encodeToString(Charts.png(s)));
            }
            table(view, s.table());
        }
        return doc;
    }

    private static void table(Element parent, Table t) {
        Element table = parent.appendElement("table").addClass("data");
        Element head = table.appendElement("thead").appendElement("tr");
        for (Table.Column c : t.columns()) {
            Element th = head.appendElement("th").text(c.type().equals("time") ? c.name() + " (UTC)" : c.name());
            if (c.type().equals("count") || c.type().equals("number")) th.addClass("n");
        }
        Element body = table.appendElement("tbody");
        for (List<Object> values : t.rows().subList(0, Math.min(ROWS, t.rows().size()))) {
            Element tr = body.appendElement("tr");
            for (int i = 0; i < values.size(); i++) {
                Table.Column c = t.columns().get(i);
                Element td = tr.appendElement("td").text(Report.cell(c, values.get(i)));
                if (c.type().equals("count") || c.type().equals("number")) td.addClass("n");
            }
        }
        if (t.rows().size() > ROWS) {
            parent.appendElement("p").addClass("more").text("The first " + ROWS + " of " + t.rows().size() + " rows; the XLSX and CSV exports hold them all.");
        }
    }

    private static void row(Element table, String name, String value) {
        Element tr = table.appendElement("tr");
        tr.appendElement("td").appendElement("b").text(name);
        tr.appendElement("td").text(value);
    }
}
