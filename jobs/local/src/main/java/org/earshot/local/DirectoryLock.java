package org.earshot.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive claim on a directory, held by this process until closed. A second claim, from
 * this JVM or another process, fails at once with a sentence naming the directory, rather than
 * letting two owners corrupt each other.
 */
public final class DirectoryLock implements AutoCloseable {
    private static final String FILE = ".earshot.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Claims {@code dir} (created if missing); {@code what} names it in the error, e.g. "Kafka data directory". */
    public static DirectoryLock acquire(Path dir, String what) {
        return tryAcquire(dir, what).orElseThrow(() -> inUse(dir, what));
    }

    /** Claims {@code dir} (created if missing), or nothing when another owner holds it. */
    public static Optional<DirectoryLock> tryAcquire(Path dir, String what) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                closeQuietly(channel);
                return Optional.empty();
            }
            return Optional.of(new DirectoryLock(channel, lock));
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            return Optional.empty();
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the " + what + " " + dir, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IllegalStateException inUse(Path dir, String what) {
        return new IllegalStateException("the " + what + " " + dir + " is in use by another Earshot process; stop it or choose another directory");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing after a failed claim: the original failure is what matters.
        }
    }
}
