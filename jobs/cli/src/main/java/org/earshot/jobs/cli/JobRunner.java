package org.earshot.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.LocalServices;
import org.earshot.pipeline.clickhouse.MentionRows;
import org.earshot.jobs.local.LiveView;
import org.earshot.jobs.local.LocalFlink;

/**
 * Runs a local job with its live view until it ends, the time is up, or Ctrl-C; then stops it
 * with a savepoint (everything it read is committed, and the next run resumes from there), stops
 * the services it used, in that order, and prints what the job did.
 */
final class JobRunner {
    private final JobClient job;
    private final Path checkpoints;
    private final LocalServices services;
    private final DataDirectory data;
    private final PrintStream out;
    private final LiveView view;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Step> beforeServicesClose = new ArrayList<>();

    /** Work for after the job stopped and before the services go (an indexer catching up with the job's last output). */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    JobRunner(JobClient job, Path checkpoints, LocalServices services, DataDirectory data, PrintStream out) {
        this.job = job;
        this.checkpoints = checkpoints;
        this.services = services;
        this.data = data;
        this.out = out;
        this.view = new LiveView(job, () -> services.rows(MentionRows.TABLE.name()), out);
    }

    JobRunner beforeServicesClose(Step step) {
        beforeServicesClose.add(step);
        return this;
    }

    /** Blocks until done; {@code limit} null runs until Ctrl-C. */
    int run(Duration limit) throws InterruptedException {
        Thread hook = new Thread(this::stop, "earshot-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread viewer = new Thread(() -> {
            try {
                view.run(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "earshot-live-view");
        viewer.setDaemon(true);
        viewer.start();
        viewer.join(limit == null ? 0 : limit.toMillis());
        viewer.interrupt();
        viewer.join(15_000); // its last line before the stopped one, not after
        String failure = failure();
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook has already stopped everything.
        }
        if (failure == null) return 0;
        System.err.println("earshot: the job failed: " + failure + " (details in the log under the data directory;"
                + " --fresh starts without the old checkpoints)");
        return 1;
    }

    /** Why the job failed for good, or null while it runs or when it was stopped. */
    private String failure() {
        try {
            if (job.getJobStatus().get(10, TimeUnit.SECONDS) != JobStatus.FAILED) return null;
            job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
            return "unknown cause";
        } catch (ExecutionException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Once, from the main thread or the Ctrl-C hook, whichever comes first. */
    private void stop() {
        if (!stopped.compareAndSet(false, true)) return;
        LiveView.Counts counts = view.counts();
        boolean savepoint = false;
        try {
            savepoint = LocalFlink.stop(job, checkpoints, Duration.ofSeconds(60));
            if (savepoint) counts = view.counts(); // the last counts, with the rows the savepoint committed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Step step : beforeServicesClose) {
                try {
                    step.run();
                } catch (Exception e) {
                    System.err.println("earshot: " + e.getMessage());
                }
            }
            services.close();
            data.close();
        }
        out.printf("stopped: %,d mentions in, %,d enriched, %,d dead letters, %,d duplicates dropped, %,d rows in ClickHouse;"
                        + " the next run resumes from %s%n",
                counts.in(), counts.enriched(), counts.deadLetters(), counts.duplicates(), counts.rowsWritten(),
                savepoint ? "here" : "the last checkpoint");
    }
}
