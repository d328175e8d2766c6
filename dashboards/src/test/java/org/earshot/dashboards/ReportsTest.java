package org.earshot.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.earshot.dashboards.views.Views;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.schemas.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every export format read back by an independent reader (PDFBox, POI, FastCSV, ImageIO), its numbers against the
 * API's answer for the same view and period: two hours of minutes for a brand and its competitor, and mentions.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReportsTest extends ServedTest {
    static final Instant FROM = Instant.parse("2026-11-20T10:00:00Z");
    static final Instant TO = Instant.parse("2026-11-20T12:00:00Z");
    static final String PERIOD = "from=" + FROM + "&to=" + TO;
    static final int MENTIONS = SampleData.MENTIONS;

    @BeforeAll
    static void write() throws Exception {
        RulesTopic rules = new RulesTopic(kafka.settings());
        rules.put(new Rule("solar", "solar", "Solar", Instant.now()));
        rules.put(new Rule("lunar", "lunar", "Lunar", Instant.now()));
        SampleData.write(clickhouse.server(), FROM, "solar", "lunar");
        assertThat(served.api().post("/api/v1/projects", served.editor(), Map.of("id", "sky", "name", "Sky", "brandRules", List.of("solar"),
                "competitorRules", List.of("lunar"))).status()).isEqualTo(201);
    }

    private static JsonNode view(String name, String query) {
        ApiClient.Answer a = served.api().get("/api/v1/views/" + name + "?" + query, served.viewer());
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return a.json();
    }

    /** An export asked for, and kept in {@code target/exports/} to be looked at. */
    private static ApiClient.File export(String query) throws java.io.IOException {
        ApiClient.File f = served.api().file("/api/v1/reports/export?" + query, served.viewer());
        assertThat(f.status()).as(f.text()).isEqualTo(200);
        String name = f.headers().firstValue("Content-Disposition").orElseThrow().replaceAll(".*filename=\"([^\"]+)\".*", "$1");
        java.nio.file.Path kept = java.nio.file.Path.of("target", "exports", name);
        java.nio.file.Files.createDirectories(kept.getParent());
        java.nio.file.Files.write(kept, f.body());
        return f;
    }

    @Test
    void csvIsTheViewsTableWithFormulasMadeInert() throws Exception {
        ApiClient.File f = export("project=sky&format=csv&view=volume&" + PERIOD);
        assertThat(f.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(f.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment", "earshot-sky-volume-", ".csv");
        List<CsvRecord> records = read(f);
        JsonNode table = view("volume", "project=sky&" + PERIOD).get("table");
        assertThat(records.get(0).getFields()).containsExactly("time", "network", "mentions", "reach");
        assertThat(records).hasSize(table.get("rows").size() + 1).hasSizeGreaterThan(100);
        for (int i = 0; i < table.get("rows").size(); i++) {
            JsonNode row = table.get("rows").get(i);
            assertThat(records.get(i + 1).getFields()).containsExactly(row.get(0).asText(), row.get(1).asText(), row.get(2).asText(), row.get(3).asText());
        }
        List<CsvRecord> top = read(export("rule=solar&format=csv&view=top-mentions&" + PERIOD));
        int text = top.get(0).getFields().indexOf("text");
        assertThat(top.stream().skip(1).map(r -> r.getField(text)).toList()).contains("'=HYPERLINK(\"http://evil.example\") solar")
                .contains("solar post ünïcode ✓ number 29");
    }

    private static List<CsvRecord> read(ApiClient.File f) throws Exception {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(f.text())) {
            List<CsvRecord> all = new ArrayList<>();
            reader.forEach(all::add);
            return all;
        }
    }

    @Test
    void xlsxHasASheetPerViewWithNumberAndDateCellsAndEveryMention() throws Exception {
        ApiClient.File f = export("project=sky&format=xlsx&" + PERIOD);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(f.body()))) {
            List<String> names = new ArrayList<>();
            book.forEach(s -> names.add(s.getSheetName()));
            assertThat(names).containsExactly("Report", "Volume by network", "Sentiment", "Emotions", "Share of voice", "Top authors by reach",
                    "Trending terms", "Top mentions by reach", "Mentions");
            JsonNode volume = view("volume", "project=sky&" + PERIOD);
            Sheet sheet = book.getSheet("Volume by network");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("time (UTC)");
            JsonNode rows = volume.at("/table/rows");
            assertThat(sheet.getLastRowNum()).isEqualTo(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Cell time = sheet.getRow(i + 1).getCell(0);
                assertThat(DateUtil.isCellDateFormatted(time)).isTrue();
                assertThat(time.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.ofInstant(Instant.parse(rows.get(i).get(0).asText()), ZoneOffset.UTC));
                Cell mentions = sheet.getRow(i + 1).getCell(2);
                assertThat(mentions.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat((long) mentions.getNumericCellValue()).isEqualTo(rows.get(i).get(2).asLong());
            }
            Sheet share = book.getSheet("Share of voice");
            JsonNode sov = view("share-of-voice", "project=sky&" + PERIOD);
            assertThat(share.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(sov.at("/table/rows/0/4").asDouble());
            Sheet summary = book.getSheet("Report");
            assertThat(summary.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Sky: project report");
            assertThat(summary.getRow(2).getCell(1).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.ofInstant(FROM, ZoneOffset.UTC));
            Sheet mentions = book.getSheet("Mentions");
            assertThat(mentions.getLastRowNum()).as("every mention the brand's rule matched").isEqualTo(MENTIONS);
            assertThat(mentions.getRow(0).getCell(0).getStringCellValue()).isEqualTo("published (UTC)");
            assertThat(mentions.getRow(1).getCell(0).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.ofInstant(FROM, ZoneOffset.UTC));
            assertThat(mentions.getRow(1).getCell(3).getStringCellValue()).startsWith("=HYPERLINK").as("a string cell, never a formula");
            assertThat(mentions.getRow(1).getCell(3).getCellType()).isEqualTo(CellType.STRING);
            assertThat(mentions.getRow(1).getCell(5).getNumericCellValue()).isEqualTo(5000.0);
        }
    }

    @Test
    void pdfIsAPagedReportWithEveryViewAndTheApisNumbers() throws Exception {
        ApiClient.File f = export("project=sky&format=pdf&" + PERIOD);
        assertThat(f.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(f.body())) {
            assertThat(pdf.getNumberOfPages()).as("the totals, then a page or more per view").isGreaterThanOrEqualTo(8);
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " "); // a table cell wraps its text
            long mentions = view("volume", "project=sky&" + PERIOD).at("/totals/mentions").asLong();
            assertThat(text).contains("Sky: project report", "2026-11-20 10:00 UTC to 2026-11-20 12:00 UTC", "Generated", "Volume by network",
                    "Share of voice", "Top mentions by reach", "solar post ünïcode ✓ number 29", String.format(java.util.Locale.US, "%,d", mentions),
                    "page 1 of " + pdf.getNumberOfPages());
        }
    }

    @Test
    void pptxHasATitleSlideThenOnePerViewWithItsTable() throws Exception {
        ApiClient.File f = export("project=sky&format=pptx&" + PERIOD);
        try (XMLSlideShow show = new XMLSlideShow(new ByteArrayInputStream(f.body()))) {
            List<XSLFSlide> slides = show.getSlides();
            assertThat(slides).hasSize(1 + 7);
            assertThat(texts(slides.get(0))).contains("Sky: project report");
            assertThat(texts(slides.get(5))).contains("Top authors by reach");
            XSLFTable authors = tables(slides.get(5)).get(0);
            JsonNode top = view("top-authors", "project=sky&limit=20&" + PERIOD).at("/table/rows");
            assertThat(authors.getCell(1, 0).getText()).isEqualTo(top.get(0).get(0).asText());
            assertThat(authors.getCell(1, 1).getText()).isEqualTo(String.valueOf(top.get(0).get(1).asLong()));
            assertThat(show.getPictureData()).as("a chart on every view's slide but top mentions'").hasSize(6);
        }
    }

    private static String texts(XSLFSlide slide) {
        StringBuilder b = new StringBuilder();
        for (XSLFShape s : slide.getShapes()) if (s instanceof XSLFTextShape t) b.append(t.getText()).append('\n');
        return b.toString();
    }

    private static List<XSLFTable> tables(XSLFSlide slide) {
        return slide.getShapes().stream().filter(s -> s instanceof XSLFTable).map(s -> (XSLFTable) s).toList();
    }

    @Test
    void pngIsTheChartDrawn() throws Exception {
        ApiClient.File f = export("project=sky&format=png&view=volume&" + PERIOD);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(f.body()));
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(600);
        int coloured = 0;
        for (int x = 0; x < image.getWidth(); x += 2) {
            for (int y = 0; y < image.getHeight(); y += 2) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) coloured++;
            }
        }
        assertThat(coloured).as("pixels in a series' colour: lines drawn, not an empty frame").isGreaterThan(200);
    }

    @Test
    void anEmptyPeriodIsAReportThatSaysSoAndBadRequestsAreNamed() throws Exception {
        ApiClient.File f = export("rule=solar&format=pdf&from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z");
        try (PDDocument pdf = Loader.loadPDF(f.body())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("No mentions in this period");
        }
        ApiClient.File unknown = served.api().file("/api/v1/reports/export?rule=solar&format=docx", served.viewer());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text()).contains("'format'", "docx", "pdf");
        ApiClient.File noView = served.api().file("/api/v1/reports/export?rule=solar&format=csv", served.viewer());
        assertThat(noView.status()).isEqualTo(400);
        assertThat(noView.text()).contains("'view'", "volume");
        assertThat(served.api().file("/api/v1/reports/export?rule=solar&format=png&view=share-of-voice", served.viewer()).status()).isEqualTo(400);
        assertThat(served.api().file("/api/v1/reports/export?rule=nope&format=pdf", served.viewer()).status()).isEqualTo(404);
        assertThat(served.api().file("/api/v1/reports/export?rule=solar&format=pdf", null).status()).isEqualTo(401);
        assertThat(Views.MENTION_COLUMNS).hasSize(13);
    }
}
