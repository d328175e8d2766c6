package org.earshot.jobs.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import one.profiler.AsyncProfiler;

/**
 * What takes a window's execution samples, every 10 ms, into a JFR file that {@link StageProfile} reads either way.
 * JFR samples a thread only where the JIT left a safepoint poll, so the work of a counted loop lands on the next call
 * out of it: one profile charged sentiment's exponentials 171 samples, where timing them apart showed nothing to gain.
 * async-profiler samples a thread wherever it is (a CPU timer's signal), and its library comes in its Maven jar.
 */
public enum Sampler {
    JFR {
        /**
         * JFR's first recording in a JVM instruments the JDK's I/O classes for its own events, and on Java 17 that
         * redefinition deoptimizes every compiled method in the process. In a compilation log of {@code bench ingest}
         * ({@code -XX:+PrintCompilation}), 10,718 methods were made not entrant in the two seconds after the first
         * window's recording started, and parse and dedup alone spent a third of its window's CPU compiling them again.
         */
        @Override
        void prepare() {
            try (Recording first = new Recording()) {
                first.start();
                first.stop();
            }
        }

        @Override
        Running start(Path file) {
            Recording recording = new Recording();
            recording.enable("jdk.ExecutionSample").withPeriod(PERIOD);
            recording.setToDisk(true);
            recording.start();
            return () -> {
                recording.stop();
                recording.dump(file);
                recording.close();
            };
        }
    },
    ASYNC {
        @Override
        Running start(Path file) throws IOException {
            if (file.toString().contains(",")) throw new IllegalArgumentException("async-profiler cannot write to a path with a comma: " + file);
            AsyncProfiler profiler = profiler();
            profiler.execute("start,jfr,event=itimer,interval=" + PERIOD.toMillis() + "ms,file=" + file);
            return () -> profiler.execute("stop");
        }

        private AsyncProfiler profiler() {
            try {
                return AsyncProfiler.getInstance();
            } catch (UnsatisfiedLinkError e) {
                throw new IllegalStateException("async-profiler has no library for " + System.getProperty("os.name") + " on "
                        + System.getProperty("os.arch") + " (" + e.getMessage() + "): use --sampler jfr", e);
            }
        }
    };

    private static final Duration PERIOD = Duration.ofMillis(10);

    /**
     * Readies the sampler before anything is timed, so that a window's first sample costs the process no more than
     * its last: call it before the work under measurement warms up.
     */
    void prepare() {}

    /** Starts sampling; what it returns stops and leaves the samples in {@code file}. */
    abstract Running start(Path file) throws IOException;

    interface Running {
        void stop() throws IOException;
    }
}
