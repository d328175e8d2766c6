package org.earshot.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.jobs.JobState;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.jobs.settings.EarshotConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code state.backend=rocksdb} as the jobs get it: the dedup stages keep their state in RocksDB, checkpoint it
 * incrementally, and a job restored from that checkpoint still knows every mention it saw. The benchmark's figures
 * for both backends, on twenty thousand mentions: RocksDB's next checkpoint uploads a small part of what the heap
 * backend's uploads again in full.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StateBackendTest {
    @TempDir
    Path dir;

    @Test
    void aJobRestoredFromAnIncrementalRocksDbCheckpointStillKnowsEveryMentionItSaw() throws Exception {
        EarshotConfig config = EarshotConfig.of(java.util.Map.of("state.backend", "rocksdb"));
        Path checkpoints = dir.resolve("checkpoints");
        StateBenchmark.PASSED.set(0);
        JobClient first = start(checkpoints, JobState.backend(config), true, 2_000, "first-source");
        await(2_000);
        Path before = LocalFlink.latestCheckpoint(checkpoints).orElse(null);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        // A checkpoint taken after every mention passed: its state holds them all.
        while (LocalFlink.latestCheckpoint(checkpoints).equals(java.util.Optional.ofNullable(before)) && System.nanoTime() < deadline) Thread.sleep(100);
        Path taken = LocalFlink.latestCheckpoint(checkpoints).orElseThrow();
        while (LocalFlink.latestCheckpoint(checkpoints).orElseThrow().equals(taken) && System.nanoTime() < deadline) Thread.sleep(100);
        LocalFlink.cancel(first, Duration.ofMinutes(1));
        assertThat(checkpoints.toFile().list()).isNotEmpty();
        assertThat(java.nio.file.Files.exists(LocalFlink.latestCheckpoint(checkpoints).orElseThrow().getParent().resolve("shared")))
                .as("RocksDB's incremental checkpoints keep their SST files in shared/").isTrue();

        // A new source sends the 2,000 again and 1,000 more: only the new ones pass the restored state.
        StateBenchmark.PASSED.set(0);
        JobClient second = start(checkpoints, JobState.backend(config), false, 3_000, "second-source");
        try {
            await(1_000);
            Thread.sleep(2_000); // a repeat that got through would show up now
            assertThat(StateBenchmark.PASSED.get()).isEqualTo(1_000);
        } finally {
            LocalFlink.cancel(second, Duration.ofMinutes(1));
        }
    }

    @Test
    void rocksDbsNextCheckpointUploadsWhatChangedAndTheHeapBackendsAllAgain() throws Exception {
        // Enough mentions that what every checkpoint uploads anew, changed or not (a 26 KB file of RocksDB's own for
        // each of the two stages, and the metadata: 60-90 KB in all), is a small part of the state. At 5,000
        // mentions it was about a quarter, and a CI run failed on it (91 KB of 326 KB).
        long mentions = 20_000;
        StateBenchmark.Result[] r = new StateBenchmark(dir, mentions, System.out).run();
        StateBenchmark.Result heap = r[0];
        StateBenchmark.Result rocksdb = r[1];
        assertThat(heap.checkpointBytes()).as("two 8-byte keys and a timestamp per mention, at least").isGreaterThan(mentions * 16);
        assertThat(rocksdb.checkpointBytes()).isGreaterThan(mentions * 16);
        assertThat(heap.nextUploadBytes()).as("a full snapshot again").isGreaterThanOrEqualTo(heap.checkpointBytes() / 2);
        assertThat(rocksdb.nextUploadBytes()).as("only what changed").isLessThan(rocksdb.checkpointBytes() / 4);
    }

    private static JobClient start(Path checkpoints, org.apache.flink.configuration.Configuration state, boolean fresh, long n, String source) throws Exception {
        StreamExecutionEnvironment env = LocalFlink.environment(checkpoints, Duration.ofMillis(500), 1, fresh, state);
        StateBenchmark.dedup(env, n, source);
        return env.executeAsync("state-backend-test");
    }

    private static void await(long passed) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (StateBenchmark.PASSED.get() < passed && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(StateBenchmark.PASSED.get()).isEqualTo(passed);
    }
}
