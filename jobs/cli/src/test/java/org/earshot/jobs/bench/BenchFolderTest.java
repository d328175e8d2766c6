package org.earshot.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** After a bench, the services' data goes and what it wrote for the reader stays. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class BenchFolderTest {
    @TempDir
    Path tmp;

    @Test
    void theDataFoldersGoAndTheRecordingsAndTheSoakReportStay() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("earshot-bench1"));
        write(dir.resolve("kafka/earshot.mentions-0/00000000000000000000.log"), 2_000_000);
        write(dir.resolve("clickhouse/store/abc/data.bin"), 1_000_000);
        write(dir.resolve("checkpoints-every-stage/chk-3/_metadata"), 500_000);
        write(dir.resolve("every-stage.jfr"), 1_000);
        write(dir.resolve(BenchFolder.SOAK_REPORT + "/soak.html"), 100);

        String said = clear(dir);

        assertThat(dir.resolve("kafka")).doesNotExist();
        assertThat(dir.resolve("clickhouse")).doesNotExist();
        assertThat(dir.resolve("checkpoints-every-stage")).doesNotExist();
        assertThat(dir.resolve("every-stage.jfr")).hasSize(1_000);
        assertThat(dir.resolve(BenchFolder.SOAK_REPORT + "/soak.html")).exists();
        assertThat(said).contains("deleted the bench's data (3.5 MB)").contains("kept what it wrote in " + dir);
    }

    @Test
    void aFolderLeftEmptyGoesToo() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("earshot-bench2"));
        write(dir.resolve("clickhouse/store/abc/data.bin"), 10);

        String said = clear(dir);

        assertThat(dir).doesNotExist();
        assertThat(said).contains("deleted the bench's data").doesNotContain("kept");
    }

    private static String clear(Path dir) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        BenchFolder.clear(dir, new PrintStream(printed, true, StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static void write(Path file, int bytes) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }
}
