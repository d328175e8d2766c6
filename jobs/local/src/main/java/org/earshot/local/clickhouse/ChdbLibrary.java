package org.earshot.local.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@code libchdb.so} (ClickHouse 26.7 as a library) comes from: the file named by {@code
 * EARSHOT_CHDB_LIB}, else the cache {@code ~/.cache/earshot/chdb/<version>/}, else the npm
 * registry on first use ({@code npm pack}), checked against the package's pinned SHA-512 before
 * anything is unpacked.
 */
public final class ChdbLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(ChdbLibrary.class);
    public static final String PACKAGE = "@chdb/lib-linux-x64-gnu";
    public static final String VERSION = "26.7.3-stable.1";
    /** The npm registry's integrity value for {@link #PACKAGE}@{@link #VERSION}. */
    static final String SHA512 = "XP97mMqnc5tZpKQywR8N7cLTsHNiTmHr30pC5mzo3jWmukjKn2IBa60c2B/gWUNcuFjOMjWoorQICCqBVj5wpw==";
    public static final String ENV = "EARSHOT_CHDB_LIB";

    private ChdbLibrary() {}

    /** The library's path, downloading it into the cache if needed. */
    public static Path locate() {
        String configured = System.getenv(ENV);
        if (configured != null && !configured.isBlank()) {
            Path lib = Path.of(configured);
            if (!Files.isRegularFile(lib)) throw new IllegalStateException(ENV + " names " + lib + ", which does not exist");
            return lib;
        }
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "earshot", "chdb", VERSION);
        Path lib = dir.resolve("libchdb.so");
        if (Files.isRegularFile(lib)) return lib;
        return download(dir, lib);
    }

    private static synchronized Path download(Path dir, Path lib) {
        if (Files.isRegularFile(lib)) return lib;
        System.err.printf("earshot: fetching the ClickHouse engine (%s@%s, 178 MB) into %s …%n", PACKAGE, VERSION, dir);
        try {
            Files.createDirectories(dir);
            Path work = Files.createTempDirectory(dir, "download");
            Process npm = new ProcessBuilder("npm", "pack", PACKAGE + "@" + VERSION, "--silent")
                    .directory(work.toFile()).redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes()).strip();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm pack " + PACKAGE + "@" + VERSION + " failed: " + output
                        + "; set " + ENV + " to an existing libchdb.so instead");
            }
            Path tarball = work.resolve(output.lines().reduce((a, b) -> b).orElse(""));
            verify(tarball);
            Path unpacked = work.resolve("libchdb.so");
            extract(tarball, "package/libchdb.so", unpacked);
            Files.move(unpacked, lib, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(tarball);
            Files.delete(work);
            LOG.info("libchdb {} cached at {}", VERSION, lib);
            return lib;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch libchdb into " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching libchdb", e);
        }
    }

    /** Refuses a tarball whose SHA-512 is not the registry's published one. */
    static void verify(Path tarball) throws IOException {
        MessageDigest sha512;
        try {
            sha512 = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(tarball), sha512)) {
            in.transferTo(OutputStreamSink.INSTANCE);
        }
        String actual = Base64.getEncoder().encodeToString(sha512.digest());
        if (!actual.equals(SHA512)) {
            throw new IllegalStateException("the downloaded " + tarball.getFileName() + " has SHA-512 " + actual
                    + ", not the published " + SHA512 + "; refusing to use it");
        }
    }

    private static void extract(Path tarball, String entryName, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tarball), 1 << 16))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (entry.getName().equals(entryName)) {
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
            }
        }
        throw new IllegalStateException(tarball.getFileName() + " has no " + entryName);
    }

    /** Discards bytes: the digest stream only needs them read. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
