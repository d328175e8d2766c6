package org.earshot.jobs.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The keys the embedded services are guarded with, one file each in {@code DATA/secrets/}
 * (0700, files 0600): the ClickHouse front's password, the broker's SASL password, the webhook's
 * token, Flink's REST token. Each is made from 24 random bytes the first time it is asked for and
 * read back afterwards, so every Earshot command on the same data directory uses it without the
 * user typing it. The values are never printed or logged; messages name the file instead.
 */
public final class SecretFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    SecretFiles(Path dir) {
        this.dir = dir;
    }

    /** The file a secret lives in, e.g. {@code DATA/secrets/clickhouse.password}. */
    public Path file(String name) {
        if (!name.matches("[a-z0-9.-]+")) throw new IllegalArgumentException("not a secret's name: " + name);
        return dir.resolve(name);
    }

    /** The secret called {@code name}, made now if it does not exist yet. */
    public String get(String name) {
        Path file = file(name);
        try {
            OwnerOnly.createDirectories(dir);
            if (!Files.exists(file)) create(file);
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.length() < 16) throw new IllegalStateException("the secret in " + file + " is shorter than 16 characters; delete the file to make a new one");
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret " + file + ": " + e.getMessage(), e);
        }
    }

    /** The secret, if it was made already; never makes one. */
    public java.util.Optional<String> existing(String name) {
        Path file = file(name);
        if (!Files.isRegularFile(file)) return java.util.Optional.empty();
        try {
            return java.util.Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(v -> !v.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secret " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a file derived from secrets (a client's properties, say) in their folder, 0600. */
    public Path write(String name, String content) {
        Path file = file(name);
        try {
            OwnerOnly.createDirectories(dir);
            Path temp = Files.createTempFile(dir, name, ".new", OwnerOnly.fileAttributes(dir));
            try {
                Files.writeString(temp, content, StandardCharsets.UTF_8);
                Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a fresh value through a 0600 file made with its permissions, then moved in place. */
    private static void create(Path file) throws IOException {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        Path temp = file.resolveSibling(file.getFileName() + "." + HexFormat.of().formatHex(random, 0, 4) + ".new");
        OwnerOnly.createFile(temp);
        try {
            Files.writeString(temp, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
            try {
                // Not over an existing file: two processes that race both read the winner's value.
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException raced) {
                // Another process made it first; its value stands.
            } catch (UnsupportedOperationException | IOException noLinks) {
                if (!Files.exists(file)) Files.move(temp, file);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
