package org.earshot.jobs.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.earshot.local.DirectoryLock;

/**
 * The folder a local Earshot keeps everything in ({@code ./data} by default): {@code kafka/},
 * {@code clickhouse/}, {@code checkpoints/}, {@code logs/} and {@code secrets/}. It is readable
 * by its owner only (0700), since it holds the keys of everything Earshot serves. A process that
 * runs jobs holds its lock, so two demos never share one set of checkpoints.
 */
public final class DataDirectory implements AutoCloseable {
    private final Path root;
    private final SecretFiles secrets;
    private DirectoryLock lock;

    public DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            OwnerOnly.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + this.root, e);
        }
        this.secrets = new SecretFiles(this.root.resolve("secrets"));
    }

    /**
     * The data directory at {@code root} for a command that only reads it: one that does not exist
     * is a mistake (a typo in --data), refused with a sentence, not quietly made empty.
     */
    public static DataDirectory existing(Path root) {
        if (!java.nio.file.Files.isDirectory(root)) {
            throw new IllegalArgumentException("there is no data directory " + root.toAbsolutePath().normalize()
                    + " (earshot demo or earshot run makes one; --data names another)");
        }
        return new DataDirectory(root);
    }

    public Path root() {
        return root;
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    /** Where the embedded broker's address is written while it runs, for other commands to find. */
    public Path kafkaAddressFile() {
        return root.resolve("kafka.address");
    }

    /** The search index (Lucene), fed from earshot.mentions.enriched. */
    public Path index() {
        return root.resolve("index");
    }

    public Path clickhouse() {
        return root.resolve("clickhouse");
    }

    /** Where the embedded ClickHouse's JDBC URL is written while it is served, for other commands to find. */
    public Path clickhouseAddressFile() {
        return root.resolve("clickhouse.address");
    }

    public Path checkpoints(String job) {
        return root.resolve("checkpoints").resolve(job);
    }

    /** The generated keys of the embedded services ({@code secrets/NAME}, 0600), made on first use. */
    public SecretFiles secrets() {
        return secrets;
    }

    /** Takes the directory for this process, or fails with a sentence saying it is in use. */
    public DataDirectory lock() {
        lock = DirectoryLock.acquire(root, "data directory");
        return this;
    }

    @Override
    public void close() {
        if (lock != null) lock.close();
        lock = null;
    }
}
