package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Opens an exported file with its format's own reader, as whoever it is handed to would. */
final class Downloads {
    private Downloads() {}

    static void assertOpens(Path file) throws Exception {
        String name = file.getFileName().toString();
        assertThat(Files.size(file)).as(name).isPositive();
        switch (name.substring(name.lastIndexOf('.') + 1)) {
            case "pdf" -> {
                try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
                    assertThat(pdf.getNumberOfPages()).as(name).isGreaterThan(1);
                }
            }
            case "pptx" -> {
                try (XMLSlideShow show = new XMLSlideShow(Files.newInputStream(file))) {
                    assertThat(show.getSlides()).as(name).hasSizeGreaterThan(1);
                }
            }
            case "xlsx" -> {
                try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(file))) {
                    assertThat(book.getSheet("Report")).as(name).isNotNull();
                }
            }
            case "png" -> {
                BufferedImage image = ImageIO.read(file.toFile());
                assertThat(image.getWidth()).as(name).isEqualTo(1200);
            }
            case "csv" -> {
                try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file)) {
                    assertThat(csv.stream().count()).as(name).isGreaterThan(1);
                }
            }
            default -> throw new AssertionError("not an export: " + name);
        }
    }
}
