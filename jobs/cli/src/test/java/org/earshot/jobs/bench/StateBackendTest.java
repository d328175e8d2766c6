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
 * {@code state.backend=rocksdb} and {@code state.changelog=true} as the jobs get them: the dedup stages keep their
 * state in RocksDB, checkpointed incrementally, or on the heap with its changes logged beside the checkpoints, and a job
 * restored from such a checkpoint still knows every mention it saw. The benchmark's figures for the backends, on a few
 * thousand mentions: RocksDB's next checkpoint and the changelog's upload a small part of what the heap backend's
 * uploads again in full.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StateBackendTest {
    @TempDir
    Path dir;

    @Test
    void aJobRestoredFromAnIncrementalRocksDbCheckpointStillKnowsEveryMentionItSaw() throws Exception {
        restoredStillKnowsEveryMention(EarshotConfig.of(java.util.Map.of("state.backend", "rocksdb")), "shared");
    }

    @Test
    void aJobRestoredFromTheHeapAndItsChangelogStillKnowsEveryMentionItSaw() throws Exception {
        restoredStillKnowsEveryMention(EarshotConfig.of(java.util.Map.of("state.changelog", "true")), "../" + JobState.CHANGELOG_FOLDER);
    }

    /** A first run sees 2,000 mentions and is cancelled after a checkpoint holds them; {@code kept} is where part of that checkpoint lies. */
    private void restoredStillKnowsEveryMention(EarshotConfig config, String kept) throws Exception {
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
        Path part = LocalFlink.latestCheckpoint(checkpoints).orElseThrow().getParent().resolve(kept).normalize();
        assertThat(StateBenchmark.sizeOf(part)).as("RocksDB's SST files in shared/, the changelog's logged changes beside the job's checkpoints: " + part)
                .isGreaterThan(2_000L * 16);

        // A new source sends the 2,000 again and 1,000 more: only the new ones pass the restored state.
        Path firstRun = LocalFlink.latestCheckpoint(checkpoints).orElseThrow().getParent();
        StateBenchmark.PASSED.set(0);
        JobClient second = start(checkpoints, JobState.backend(config), false, 3_000, "second-source");
        try {
            await(1_000);
            // The restored run checkpoints too (a failed checkpoint would restart it, and its source would send the 1,000 again).
            long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (LocalFlink.latestCheckpoint(checkpoints).map(p -> p.getParent().equals(firstRun)).orElse(true) && System.nanoTime() < until) Thread.sleep(100);
            assertThat(LocalFlink.latestCheckpoint(checkpoints).orElseThrow().getParent()).as("a checkpoint of the restored run").isNotEqualTo(firstRun);
            Thread.sleep(2_000); // a repeat that got through would show up now
            assertThat(StateBenchmark.PASSED.get()).isEqualTo(1_000);
        } finally {
            LocalFlink.cancel(second, Duration.ofMinutes(1));
        }
    }

    @Test
    void rocksDbsAndTheChangelogsNextCheckpointUploadWhatChangedAndTheHeapBackendsAllAgain() throws Exception {
        StateBenchmark.Result[] r = new StateBenchmark(dir, 5_000, System.out).run();
        StateBenchmark.Result heap = r[0];
        assertThat(heap.checkpointBytes()).as("two 8-byte keys and a timestamp per mention, at least").isGreaterThan(5_000L * 16);
        assertThat(heap.nextUploadBytes()).as("a full snapshot again").isGreaterThanOrEqualTo(heap.checkpointBytes() / 2);
        for (StateBenchmark.Result other : java.util.List.of(r[1], r[2])) {
            assertThat(other.checkpointBytes()).as(other.backend()).isGreaterThan(5_000L * 16);
            assertThat(other.nextUploadBytes()).as(other.backend() + ": only what changed").isLessThan(other.checkpointBytes() / 4);
        }
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
