package org.earshot.dashboards.reports;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.sl.usermodel.PictureData;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xslf.usermodel.XSLFTextRun;
import org.earshot.dashboards.views.Table;

/**
 * A report as slides to present as they are (Apache POI): a title slide (scope, period, filters, when made), then
 * one slide per view with its chart and its first rows as a table, 16:9.
 */
final class PptxExport {
    static final int ROWS = 10;
    private static final int W = 960;
    private static final int H = 540;

    private PptxExport() {}

    static void write(Report report, OutputStream out) throws IOException {
        try (XMLSlideShow show = new XMLSlideShow()) {
            show.setPageSize(new Dimension(W, H));
            XSLFSlide title = show.createSlide();
            text(title, report.title(), 36, true, new Rectangle2D.Double(60, 150, W - 120, 70));
            text(title, report.scope().kind() + " " + report.scope().id() + "\n" + report.periodLine()
                    + "\nFilters: " + report.filterLine() + "\nGenerated " + Report.when(report.generated())
                    + (report.empty() ? "\nNo mentions in this period." : ""), 18, false, new Rectangle2D.Double(60, 240, W - 120, 200));
            for (Report.Section s : report.sections()) {
                XSLFSlide slide = show.createSlide();
                text(slide, s.title(), 26, true, new Rectangle2D.Double(30, 14, W - 60, 44));
                boolean chart = Charts.drawn(s.view()) && !s.empty();
                if (chart) {
                    XSLFPictureData png = show.addPicture(Charts.png(s), PictureData.PictureType.PNG);
                    slide.createPicture(png).setAnchor(new Rectangle2D.Double(20, 70, 560, 280));
                }
                if (s.empty()) text(slide, "No mentions in this period.", 18, false, new Rectangle2D.Double(30, 90, W - 60, 40));
                else table(slide, s.table(), chart ? new Rectangle2D.Double(590, 70, 350, 440) : new Rectangle2D.Double(20, 70, W - 40, 440));
            }
            show.write(out);
        }
    }

    private static void table(XSLFSlide slide, Table t, Rectangle2D at) {
        // The slide shows few columns: top mentions' text and numbers, the others all of theirs.
        List<Integer> shown = new java.util.ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            String name = t.columns().get(i).name();
            if (!List.of("id", "url", "emotion", "replies", "reposts").contains(name) || t.columns().size() <= 5) shown.add(i);
        }
        XSLFTable table = slide.createTable();
        table.setAnchor(at);
        XSLFTableRow head = table.addRow();
        for (int i : shown) cell(head.addCell(), t.columns().get(i).name(), true);
        for (List<Object> values : t.rows().subList(0, Math.min(ROWS, t.rows().size()))) {
            XSLFTableRow row = table.addRow();
            for (int i : shown) {
                cell(row.addCell(), abbreviate(Report.cell(t.columns().get(i), values.get(i))), false);
            }
        }
        // A post's text takes three shares of the width, a time two, every other column one.
        int[] shares = shown.stream().mapToInt(i -> t.columns().get(i).name().equals("text") ? 3 : t.columns().get(i).type().equals("time") ? 2 : 1)
                .toArray();
        double share = at.getWidth() / java.util.Arrays.stream(shares).sum();
        for (int i = 0; i < shown.size(); i++) table.setColumnWidth(i, share * shares[i]);
    }

    private static String abbreviate(String s) {
        return s.length() <= 140 ? s : s.substring(0, 139) + "…";
    }

    private static void cell(XSLFTableCell cell, String text, boolean bold) {
        XSLFTextRun run = cell.setText(text);
        run.setFontSize(9.0);
        run.setBold(bold);
        cell.setBorderColor(org.apache.poi.sl.usermodel.TableCell.BorderEdge.bottom, new Color(0xcccccc));
    }

    private static void text(XSLFSlide slide, String text, double size, boolean bold, Rectangle2D at) {
        XSLFTextBox box = slide.createTextBox();
        box.setAnchor(at);
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            XSLFTextRun run = (i == 0 ? box.getTextParagraphs().get(0) : box.addNewTextParagraph()).addNewTextRun();
            run.setText(lines[i]);
            run.setFontSize(size);
            run.setBold(bold);
        }
    }
}
