package org.earshot.jobs.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The folder a local Earshot keeps everything in ({@code ./data} by default): {@code kafka/},
 * {@code checkpoints/}, {@code logs/}. A process that runs jobs holds its lock, so two demos never
 * share one set of checkpoints.
 */
public final class DataDirectory implements AutoCloseable {
    private final Path root;
    private FileChannel lockChannel;
    private FileLock lock;

    public DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + this.root, e);
        }
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

    public Path checkpoints(String job) {
        return root.resolve("checkpoints").resolve(job);
    }

    /** Takes the directory for this process, or fails with a sentence saying who has it. */
    public DataDirectory lock(String purpose) {
        Path file = root.resolve(".lock");
        try {
            lockChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            lock = lockChannel.tryLock();
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                lockChannel.close();
                throw new IllegalStateException("the data directory " + root + " is in use by another Earshot process ("
                        + (holder.isEmpty() ? "unknown" : holder) + "); stop it or choose another --data directory");
            }
            lockChannel.truncate(0);
            lockChannel.write(StandardCharsets.UTF_8.encode(purpose + ", pid " + ProcessHandle.current().pid()));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the data directory " + root, e);
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) lock.release();
            if (lockChannel != null) lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
