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

    /** Starts sampling; what it returns stops and leaves the samples in {@code file}. */
    abstract Running start(Path file) throws IOException;

    interface Running {
        void stop() throws IOException;
    }
}
