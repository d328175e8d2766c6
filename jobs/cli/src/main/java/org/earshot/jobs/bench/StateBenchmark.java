package org.earshot.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.pipeline.dedup.DedupKey;
import org.earshot.pipeline.dedup.DeduplicateOperator;
import org.earshot.pipeline.text.NormalizeFunction;
import org.earshot.pipeline.types.MentionTypes;
import org.earshot.schemas.Mention;

/**
 * What the Listen job's deduplication state costs per million distinct mentions with each state backend: N mentions,
 * each with its own id and URL, through the job's dedup stages (by id, normalize, by canonical URL, 7 days' TTL) on a
 * MiniCluster; once all have passed, the checkpoint that holds them. For the heap backend, its full snapshot and the
 * heap it took; for RocksDB with incremental checkpoints, every file the checkpoint needs (its shared SST files and
 * its own) and what the checkpoint after it uploaded when nothing new had come.
 */
public final class StateBenchmark {
    /** The figures of one backend: the checkpoint holding all of them, the next one's own upload, the heap grown, the time to take them in. */
    public record Result(String backend, long mentions, long checkpointBytes, long nextUploadBytes, long heapBytes, double seconds) {}

    /** Mentions that passed both dedup stages, in this JVM (the MiniCluster runs here). */
    static final AtomicLong PASSED = new AtomicLong();
    private static final Duration INTERVAL = Duration.ofSeconds(2);

    private final Path dir;
    private final long mentions;
    private final PrintStream out;

    public StateBenchmark(Path dir, long mentions, PrintStream out) {
        this.dir = dir;
        this.mentions = mentions;
        this.out = out;
    }

    public Result[] run() throws Exception {
        return new Result[] {measure("hashmap", false), measure("rocksdb", true)};
    }

    private Result measure(String backend, boolean incremental) throws Exception {
        Path checkpoints = dir.resolve("checkpoints-" + backend);
        Configuration state = new Configuration();
        state.set(StateBackendOptions.STATE_BACKEND, backend);
        state.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, incremental);
        PASSED.set(0);
        long heapBefore = heapAfterGc();
        long n = mentions;
        StreamExecutionEnvironment env = LocalFlink.environment(checkpoints, INTERVAL, 1, true, state);
        dedup(env, n, "mentions");
        long start = System.nanoTime();
        JobClient job = env.executeAsync("earshot-bench-state-" + backend);
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (PASSED.get() < n) {
                if (System.nanoTime() > deadline || job.getJobStatus().get().isGloballyTerminalState()) {
                    throw new IllegalStateException(backend + ": " + PASSED.get() + " of " + n + " mentions passed");
                }
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long heap = heapAfterGc() - heapBefore;
            // The first checkpoint begun after the last mention holds them all; the one after it adds nothing new.
            // The one after the newest completed may have begun before the last mention passed (one runs at a
            // time), so it can miss some that the next would then upload: start from the one after that.
            int first = newest(checkpoints).orElse(0) + 2;
            awaitCheckpoint(checkpoints, first + 1);
            long all = sizeOf(checkpoints.resolve(jobDir(checkpoints)).resolve("chk-" + first)) + sizeOf(checkpoints.resolve(jobDir(checkpoints)).resolve("shared"));
            long next = uploadedBy(checkpoints, first + 1, first);
            Result r = new Result(backend + (incremental ? " (incremental)" : ""), n, all, next, heap, seconds);
            out.printf("%-24s %,d mentions in %.1f s; checkpoint %,.1f MB, the next one uploads %,.2f MB; heap after GC %+,.0f MB%n",
                    r.backend(), n, seconds, all / 1e6, next / 1e6, heap / 1e6);
            return r;
        } finally {
            LocalFlink.cancel(job, Duration.ofMinutes(1));
        }
    }

    /**
     * Mentions 0 to {@code n - 1}, then markers without an id that keep the source alive (cheaply) while checkpoints are
     * taken, through the dedup stages; each that passes counts in {@link #PASSED}. The dedup operators' ids are fixed,
     * so a job restored from a checkpoint keeps their state; the source's is {@code sourceId}.
     */
    static void dedup(StreamExecutionEnvironment env, long n, String sourceId) {
        env.fromSource(new DataGeneratorSource<>(i -> i < n ? mention(i) : new Mention(), Long.MAX_VALUE, RateLimiterStrategy.perSecond(100_000),
                        MentionTypes.MENTION), WatermarkStrategy.noWatermarks(), "mentions").uid(sourceId)
                .filter(m -> m.id != null).returns(MentionTypes.MENTION).uid("ids-only")
                .keyBy(DedupKey.ID).transform("dedup by id", MentionTypes.MENTION, new DeduplicateOperator(Duration.ofDays(7))).uid("dedup-id")
                .map(new NormalizeFunction(10_000)).returns(MentionTypes.MENTION).uid("normalize")
                .keyBy(DedupKey.CANONICAL_URL).transform("dedup by url", MentionTypes.MENTION, new DeduplicateOperator(Duration.ofDays(7), DedupKey.CANONICAL_URL))
                .uid("dedup-url")
                .map(m -> PASSED.incrementAndGet()).returns(Long.class).uid("count")
                .sinkTo(new DiscardingSink<>()).uid("discard");
    }

    static Mention mention(long i) {
        Mention m = new Mention();
        m.id = "bench:" + i;
        m.network = "bench";
        m.url = "https://news.example.com/2026/12/story-" + Long.toString(i, 36);
        m.text = "story " + i;
        m.publishedAt = Instant.ofEpochSecond(1_800_000_000L + i);
        return m;
    }

    private static long heapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The job's folder under the checkpoint folder (there is one: each run starts afresh in its own). */
    private static String jobDir(Path checkpoints) {
        try (Stream<Path> jobs = Files.list(checkpoints)) {
            return jobs.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("savepoint"))
                    .findFirst().orElseThrow().getFileName().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of the newest completed checkpoint, as {@link LocalFlink#latestCheckpoint} finds it. */
    private static Optional<Integer> newest(Path checkpoints) {
        return LocalFlink.latestCheckpoint(checkpoints).map(p -> p.getFileName().toString()).filter(d -> d.startsWith("chk-"))
                .map(d -> Integer.parseInt(d.substring(4)));
    }

    private static void awaitCheckpoint(Path checkpoints, int number) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (newest(checkpoints).orElse(0) < number) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("checkpoint " + number + " did not complete in 5 minutes");
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** What checkpoint {@code number} wrote itself: its own folder, and shared files newer than checkpoint {@code before}. */
    private static long uploadedBy(Path checkpoints, int number, int before) throws IOException {
        Path job = checkpoints.resolve(jobDir(checkpoints));
        FileTime after = Files.getLastModifiedTime(job.resolve("chk-" + before).resolve("_metadata"));
        long shared = 0;
        if (Files.isDirectory(job.resolve("shared"))) {
            try (Stream<Path> files = Files.walk(job.resolve("shared"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    if (Files.getLastModifiedTime(f).compareTo(after) > 0) shared += Files.size(f);
                }
            }
        }
        return sizeOf(job.resolve("chk-" + number)) + shared;
    }

    static long sizeOf(Path dir) throws IOException {
        if (!Files.exists(dir)) return 0;
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path f : files.filter(Files::isRegularFile).toList()) total += Files.size(f);
            return total;
        }
    }
}
