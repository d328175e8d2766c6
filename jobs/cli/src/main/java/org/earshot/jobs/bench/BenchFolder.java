package org.earshot.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.util.FileUtils;

/**
 * A bench's temporary folder. The services a bench starts keep their data in folders in it (Kafka's log, ClickHouse's
 * tables, checkpoints, indexes): a gigabyte for {@code bench ingest}, over fifteen for an hour's soak, so they are
 * deleted once it is done. What it wrote for the reader stays: the files at its top (JFR recordings, reports) and
 * the soak's report.
 */
public final class BenchFolder {
    /** Where the soak's report goes unless {@code --report} names a folder; kept. */
    public static final String SOAK_REPORT = "soak-report";

    private BenchFolder() {}

    /**
     * Deletes the data folders in {@code dir}, and {@code dir} itself when nothing is left; says what it freed, or why
     * it could not (without throwing: it runs after the bench, whose own failure must not be hidden).
     */
    public static void clear(Path dir, PrintStream out) {
        try {
            long freed = 0;
            for (Path folder : dataFolders(dir)) {
                freed += FileUtils.getDirectoryFilesSize(folder);
                FileUtils.deleteDirectory(folder.toFile());
            }
            boolean empty;
            try (Stream<Path> left = Files.list(dir)) {
                empty = left.findAny().isEmpty();
            }
            if (empty) Files.delete(dir);
            out.printf("deleted the bench's data (%,.1f MB)%s; --keep-data keeps it%n", freed / 1e6,
                    empty ? "" : ", kept what it wrote in " + dir);
        } catch (IOException | UncheckedIOException e) {
            out.println("could not delete the bench's data in " + dir + ": " + e.getMessage());
        }
    }

    private static List<Path> dataFolders(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals(SOAK_REPORT)).toList();
        }
    }
}
