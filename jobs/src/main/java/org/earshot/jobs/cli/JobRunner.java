package org.earshot.jobs.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.core.execution.JobClient;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.KafkaConnection;
import org.earshot.jobs.local.LiveView;

/**
 * Runs a local job with its live view until it ends, the time is up, or Ctrl-C; then cancels it
 * (its last checkpoint is kept for the next run) and stops the services it used, in that order.
 */
final class JobRunner {
    private final JobClient job;
    private final KafkaConnection kafka;
    private final DataDirectory data;
    private final AtomicBoolean stopped = new AtomicBoolean();

    JobRunner(JobClient job, KafkaConnection kafka, DataDirectory data) {
        this.job = job;
        this.kafka = kafka;
        this.data = data;
    }

    /** Blocks until done; {@code limit} null runs until Ctrl-C. */
    int run(Duration limit, PrintStream out) throws InterruptedException {
        Thread hook = new Thread(this::stop, "earshot-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LiveView view = new LiveView(job, out);
        Thread viewer = new Thread(() -> {
            try {
                view.run(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "earshot-live-view");
        viewer.setDaemon(true);
        viewer.start();
        if (limit == null) {
            viewer.join();
        } else {
            viewer.join(limit.toMillis());
        }
        viewer.interrupt();
        stop();
        Runtime.getRuntime().removeShutdownHook(hook);
        LiveView.Counts c = view.counts();
        out.printf("stopped: %,d mentions in, %,d enriched, %,d dead letters, %,d duplicates dropped%n",
                c.in(), c.enriched(), c.deadLetters(), c.duplicates());
        return 0;
    }

    private void stop() {
        if (!stopped.compareAndSet(false, true)) return;
        try {
            job.cancel().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        } finally {
            kafka.close();
            data.close();
        }
    }
}
