package org.earshot.dashboards.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.PieChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Each view's chart drawn on the server (XChart), from its table: what the PNG export is, and what the PDF and the
 * slides show. The dashboard's colours, so a chart looks the same wherever it is read.
 */
public final class Charts {
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 600;
    private static final Color[] COLOURS = {new Color(0x2563eb), new Color(0xf59e0b), new Color(0x10b981), new Color(0xef4444),
            new Color(0x8b5cf6), new Color(0x0891b2), new Color(0xdb2777), new Color(0x65a30d)};
    private static final Map<String, Color> SENTIMENT = Map.of("positive", new Color(0x16a34a), "neutral", new Color(0x94a3b8),
            "negative", new Color(0xdc2626));
    private static final int BARS = 10;

    private Charts() {}

    /** Whether the view has a chart (top mentions is a table only). */
    public static boolean drawn(String view) {
        return !view.equals("top-mentions");
    }

    /** The section's chart as a PNG of {@link #WIDTH} × {@link #HEIGHT}; an empty one says there were no mentions. */
    public static void png(Report.Section s, OutputStream out) throws IOException {
        ImageIO.write(image(s), "png", out);
    }

    public static byte[] png(Report.Section s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        png(s, out);
        return out.toByteArray();
    }

    public static BufferedImage image(Report.Section s) {
        if (s.empty() || !drawn(s.view())) return message(s.title(), s.empty() ? "No mentions in this period." : "A table, not a chart.");
        Chart<?, ?> chart = switch (s.view()) {
            case "volume" -> timeSeries(s, 1, 2);
            case "sentiment" -> sentiment(s);
            case "share-of-voice" -> pie(s);
            case "emotions" -> bars(s, 0, 1);
            case "top-authors" -> bars(s, 0, 2);
            default -> bars(s, 0, 1); // trending: this period's count per term
        };
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** One line per value of column {@code by} (the network), of column {@code value}, over time. */
    private static XYChart timeSeries(Report.Section s, int by, int value) {
        XYChart chart = style(new XYChartBuilder().width(WIDTH).height(HEIGHT).title(s.title()).yAxisTitle(s.table().columns().get(value).name())
                .build());
        Map<String, List<Date>> xs = new LinkedHashMap<>();
        Map<String, List<Number>> ys = new LinkedHashMap<>();
        for (List<Object> row : s.table().rows()) {
            String series = String.valueOf(row.get(by));
            xs.computeIfAbsent(series, k -> new ArrayList<>()).add(Date.from(Instant.parse((String) row.get(0))));
            ys.computeIfAbsent(series, k -> new ArrayList<>()).add((Number) row.get(value));
        }
        xs.forEach((series, x) -> chart.addSeries(series, x, ys.get(series)).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE));
        dates(chart);
        return chart;
    }

    /** Positive, neutral and negative mentions over time, a line each in their colours. */
    private static XYChart sentiment(Report.Section s) {
        XYChart chart = style(new XYChartBuilder().width(WIDTH).height(HEIGHT).title(s.title()).yAxisTitle("mentions").build());
        List<Date> x = new ArrayList<>();
        for (List<Object> row : s.table().rows()) x.add(Date.from(Instant.parse((String) row.get(0))));
        List<String> names = List.of("positive", "neutral", "negative");
        Color[] colours = new Color[3];
        for (int i = 0; i < 3; i++) {
            int column = i + 1;
            XYSeries series = chart.addSeries(names.get(i), x, s.table().rows().stream().map(r -> (Number) r.get(column)).toList());
            series.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            colours[i] = SENTIMENT.get(names.get(i));
        }
        chart.getStyler().setSeriesColors(colours);
        dates(chart);
        return chart;
    }

    private static void dates(XYChart chart) {
        chart.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
        chart.getStyler().setXAxisMaxLabelCount(12);
        chart.getStyler().setYAxisDecimalPattern("#,###");
    }

    /** The first {@value #BARS} rows: column {@code label} against column {@code value}. */
    private static CategoryChart bars(Report.Section s, int label, int value) {
        CategoryChart chart = style(new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(s.title())
                .yAxisTitle(s.table().columns().get(value).name()).build());
        List<List<Object>> rows = s.table().rows().subList(0, Math.min(BARS, s.table().rows().size()));
        chart.addSeries(s.table().columns().get(value).name(), rows.stream().map(r -> String.valueOf(r.get(label))).toList(),
                rows.stream().map(r -> (Number) r.get(value)).toList());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(rows.size() > 5 ? 30 : 0);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        return chart;
    }

    /** Each rule's mentions as a slice: the rule's name (column 1) and its mentions (column 3). */
    private static PieChart pie(Report.Section s) {
        PieChart chart = style(new PieChartBuilder().width(WIDTH).height(HEIGHT).title(s.title()).build());
        for (List<Object> row : s.table().rows()) chart.addSeries(String.valueOf(row.get(1)), (Number) row.get(3));
        return chart;
    }

    private static <C extends Chart<?, ?>> C style(C chart) {
        Styler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setSeriesColors(COLOURS);
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        st.setAntiAlias(true);
        return chart;
    }

    /** A chart-sized image with the title and a message: what an empty view draws. */
    private static BufferedImage message(String title, String text) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
            g.drawString(title, (WIDTH - g.getFontMetrics().stringWidth(title)) / 2, 40);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
            g.drawString(text, (WIDTH - g.getFontMetrics().stringWidth(text)) / 2, HEIGHT / 2);
        } finally {
            g.dispose();
        }
        return image;
    }
}
