package org.earshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.earshot.jobs.local.LocalFlink;

/** What a test waits for instead of sleeping: checkpoints that completed (each one a commit of the sinks). */
final class Checkpoints {
    private Checkpoints() {}

    /** Waits until {@code count} more checkpoints under {@code dir} have completed than when called. */
    static void awaitMore(Path dir, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long start = newest(dir);
        while (newest(dir) < start + count) {
            assertThat(System.nanoTime()).as("%d more checkpoints under %s in time", count, dir).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The number of the newest completed checkpoint ({@code chk-N}), or 0. */
    static long newest(Path dir) {
        return LocalFlink.latestCheckpoint(dir)
                .map(p -> p.getFileName().toString())
                .filter(name -> name.startsWith("chk-"))
                .map(name -> Long.parseLong(name.substring(4)))
                .orElse(0L);
    }
}
