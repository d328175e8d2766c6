package org.earshot.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.earshot.pipeline.nlp.PostReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile charges a thread's CPU to the stage its samples were in: a thread reading posts (language, tokens,
 * sentiment, emotion) and one counting primes (the bench's own work) are told apart, and all of it is the process's.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StageProfileTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The CPU each worker spends, of which the profile must charge more than a second to its stage. */
    private static final Duration EACH = Duration.ofMillis(2_500);

    /**
     * Whether this thread has had {@code cpu} of the processor's time since {@code from} (its own CPU time then). Each
     * worker spends CPU, not wall time: with the other tests' forks on the same two cores, three seconds of wall time
     * once gave the primes' thread 0.88 s of CPU.
     */
    private static boolean spent(long from, Duration cpu) {
        return THREADS.getCurrentThreadCpuTime() - from >= cpu.toNanos();
    }

    private static void idleUntil(CountDownLatch worked, CountDownLatch stopped) {
        worked.countDown();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @EnumSource(Sampler.class)
    void chargesEachThreadsCpuToTheStagesItsSamplesWereIn(Sampler sampler, @TempDir Path dir) throws Exception {
        PostReader reader = new PostReader(); // models loaded before the window
        Path jfr = dir.resolve("profile.jfr");
        StageProfile profile = StageProfile.start(sampler, jfr);
        // The threads live until the profile has stopped: a thread's CPU is read from the thread itself.
        CountDownLatch worked = new CountDownLatch(2);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread posts = new Thread(() -> {
            long from = THREADS.getCurrentThreadCpuTime();
            int i = 0;
            while (!spent(from, EACH)) reader.read("I really love the new Aurora phone, the camera is great " + i++ + " :)", null);
            idleUntil(worked, stopped);
        });
        Thread primes = new Thread(() -> {
            long from = THREADS.getCurrentThreadCpuTime();
            long found = 0;
            for (long n = 2; !spent(from, EACH); n++) if (java.math.BigInteger.valueOf(n).isProbablePrime(20)) found++;
            if (found > 0) idleUntil(worked, stopped);
        });
        posts.start();
        primes.start();
        assertThat(worked.await(1, TimeUnit.MINUTES)).isTrue();
        StageProfile.Figures figures = profile.stop();
        stopped.countDown();
        posts.join();
        primes.join();

        assertThat(Files.size(jfr)).isPositive();
        assertThat(figures.samples()).isGreaterThan(100);
        long nlp = figures.cpuNanos().getOrDefault(StageProfile.Stage.LANGUAGE, 0L)
                + figures.cpuNanos().getOrDefault(StageProfile.Stage.SENTIMENT, 0L)
                + figures.cpuNanos().getOrDefault(StageProfile.Stage.EMOTION, 0L)
                + figures.cpuNanos().getOrDefault(StageProfile.Stage.TOKENS, 0L);
        long bench = figures.cpuNanos().getOrDefault(StageProfile.Stage.BENCH, 0L);
        assertThat(figures.cpuNanos().get(StageProfile.Stage.LANGUAGE)).as(figures.toString()).isPositive();
        assertThat(figures.cpuNanos().get(StageProfile.Stage.SENTIMENT)).isPositive();
        // Each thread spent 2.5 s of CPU; the primes, counted by code in the bench's package, are no stage of the job
        // but the bench's own.
        assertThat(nlp).isGreaterThan(TimeUnit.SECONDS.toNanos(1));
        assertThat(bench).isGreaterThan(TimeUnit.SECONDS.toNanos(1));
        long charged = figures.cpuNanos().values().stream().mapToLong(Long::longValue).sum();
        assertThat((double) charged).isCloseTo(figures.processCpuNanos(), org.assertj.core.data.Percentage.withPercentage(5));
    }

    /** Defeats escape analysis: what is stored here was really allocated. */
    private static volatile byte[] sink;

    private static void allocate(long bytes) {
        for (long done = 0; done < bytes; done += 1 << 20) sink = new byte[1 << 20];
    }

    @Test
    void countsTheBytesAllocatedInTheWindowOnly(@TempDir Path dir) throws Exception {
        allocate(400L << 20); // before the window: not counted
        StageProfile profile = StageProfile.start(Sampler.JFR, dir.resolve("allocated.jfr"));
        allocate(100L << 20);
        StageProfile.Figures figures = profile.stop();

        assertThat(sink).hasSize(1 << 20);
        assertThat(figures.allocatedBytes()).as("bytes allocated in the window").isBetween(100L << 20, 300L << 20);
    }

    @Test
    void chargesCollectionsToTheGarbageCollector(@TempDir Path dir) throws Exception {
        StageProfile profile = StageProfile.start(Sampler.JFR, dir.resolve("gc.jfr"));
        // Full collections over a heap kept full of small live objects: the GC's threads work, Java's barely do.
        List<Object[]> live = new ArrayList<>();
        for (int i = 0; i < 200; i++) live.add(new Object[10_000]);
        for (Object[] block : live) for (int j = 0; j < block.length; j++) block[j] = new int[1];
        long gcNanos = 0;
        for (int i = 0; i < 50 && gcNanos < TimeUnit.MILLISECONDS.toNanos(300); i++) {
            System.gc();
            gcNanos = NativeThreadCpu.now().getOrDefault(NativeThreadCpu.Kind.GC, 0L);
        }
        StageProfile.Figures figures = profile.stop();

        assertThat(live).hasSize(200);
        assertThat(figures.cpuNanos().get(StageProfile.Stage.GC)).as(figures.toString()).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(figures.cpuNanos().get(StageProfile.Stage.GC)).isGreaterThan(figures.cpuNanos().get(StageProfile.Stage.OTHER) == null
                ? 0 : figures.cpuNanos().get(StageProfile.Stage.OTHER));
    }

    @Test
    void readsTheTicksOfAThreadWhoseNameHasSpacesAndParentheses() {
        String stat = "4242 (C2 CompilerThre) S 1 4200 4200 0 -1 4194368 40 0 0 0 1234 56 0 0 20 0 30 0 100 0 0";
        assertThat(NativeThreadCpu.ticks(stat)).isEqualTo(1234 + 56);
        assertThat(NativeThreadCpu.ticks("7 (a (b) c) R 1 7 7 0 -1 0 0 0 0 0 5 6 0 0")).isEqualTo(11);
        assertThat(NativeThreadCpu.kindOf("GC Thread#1")).isEqualTo(NativeThreadCpu.Kind.GC);
        assertThat(NativeThreadCpu.kindOf("C1 CompilerThre")).isEqualTo(NativeThreadCpu.Kind.JIT);
        assertThat(NativeThreadCpu.kindOf("Kafka broker")).isNull();
    }
}
