package org.earshot.jobs.local;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.earshot.pipeline.dedup.DeduplicateOperator;
import org.earshot.pipeline.ingest.CountIngested;
import org.earshot.pipeline.validate.ParseMentionsFunction;
import org.earshot.pipeline.matching.MatchRulesFunction;

/**
 * The one-line live view of a running Listen job: mentions in, enriched, matched by a rule, dead
 * letters, duplicates dropped, rows stored in ClickHouse, and the rate over the last interval. Reads the
 * job's accumulators and counts the rows in ClickHouse itself (rows arrive with each checkpoint).
 */
public final class LiveView {
    /** Always with seconds (LocalTime's own text drops them at :00). */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final JobClient job;
    private final LongSupplier rowsWritten;
    private final PrintStream out;
    /** Recent (time, mentions in) samples: the rate is taken over the last ten seconds. */
    private final java.util.ArrayDeque<long[]> samples = new java.util.ArrayDeque<>();
    /** Guarded by this view: {@link #counts} is called from the live-view thread and the stopping one. */
    private Counts last = new Counts(0, 0, 0, 0, 0, 0);

    /** {@code rowsWritten} counts the mentions stored in ClickHouse (negative when it cannot tell). */
    public LiveView(JobClient job, LongSupplier rowsWritten, PrintStream out) {
        this.job = job;
        this.rowsWritten = rowsWritten;
        this.out = out;
    }

    /** Prints a line every {@code seconds} until the job ends or the thread is interrupted. */
    public void run(int seconds) throws InterruptedException {
        while (running()) {
            Thread.sleep(seconds * 1000L);
            if (!running()) return;
            out.println(line());
        }
    }

    /** False once the job has ended or its cluster is gone (as during Ctrl-C). */
    private boolean running() {
        try {
            return !job.getJobStatus().thenApply(JobStatus::isGloballyTerminalState).exceptionally(e -> true).join();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Counters since the job started; the last ones read once the job has ended. The rows are
     * counted in ClickHouse every time: a job stopped with a savepoint commits its last rows as it
     * ends, after its last live line.
     */
    public synchronized Counts counts() {
        Map<String, Object> acc = accumulators();
        long stored = rowsWritten.getAsLong();
        if (stored < 0) stored = last.rowsWritten();
        Counts now = acc == null ? null : new Counts(number(acc, ParseMentionsFunction.PARSED), number(acc, ParseMentionsFunction.REFUSED),
                number(acc, DeduplicateOperator.DUPLICATES), number(acc, MatchRulesFunction.MATCHED), stored, number(acc, CountIngested.FETCHED));
        // A restarting job reads its accumulators back from zero for a moment: keep the higher ones.
        boolean behind = now == null || now.in() < last.in() || now.fetched() < last.fetched();
        last = behind ? last.withRows(stored) : now;
        return last;
    }

    /**
     * The running job's accumulators, or the final ones of an ended job; null when neither can be
     * read. A local job's cluster shuts down as the job ends, and until its result is out the
     * client refuses to answer: then the result is worth waiting for.
     */
    private Map<String, Object> accumulators() {
        try {
            return job.getAccumulators().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (TimeoutException slow) {
            return null; // running but busy: the last values stand
        } catch (Exception ended) {
            try {
                return job.getJobExecutionResult().get(30, TimeUnit.SECONDS).getAllAccumulatorResults();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (Exception noResult) {
                return null; // cancelled or failed: the last values stand
            }
        }
    }

    String line() {
        Counts c = counts();
        long now = System.nanoTime();
        samples.addLast(new long[] {now, c.in()});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > 10_000_000_000L) samples.removeFirst();
        long[] first = samples.peekFirst();
        double rate = now == first[0] ? 0 : (c.in() - first[1]) / ((now - first[0]) / 1e9);
        String status = status();
        String fetched = c.fetched() > 0 ? String.format("  fetched %,d", c.fetched()) : "";
        return String.format("%s%s  in %,d (%,.0f/s)  enriched %,d  matched %,d  dead letters %,d  duplicates dropped %,d  ClickHouse rows %,d%s",
                CLOCK.format(LocalTime.now()), fetched, c.in(), rate, c.enriched(), c.matched(), c.deadLetters(), c.duplicates(),
                c.rowsWritten(), status);
    }

    /** The job's state when it is not simply running (RESTARTING, say), for the live line. */
    private String status() {
        try {
            return job.getJobStatus().thenApply(s -> s == JobStatus.RUNNING ? "" : "  [" + s + "]").exceptionally(e -> "").join();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static long number(Map<String, Object> acc, String name) {
        return acc.get(name) instanceof Number n ? n.longValue() : 0L;
    }

    /** What the Listen job has done since it started. */
    public record Counts(long parsed, long deadLetters, long duplicates, long matched, long rowsWritten, long fetched) {
        public long in() {
            return parsed + deadLetters;
        }

        public long enriched() {
            return parsed - duplicates;
        }

        Counts withRows(long rows) {
            return new Counts(parsed, deadLetters, duplicates, matched, rows, fetched);
        }
    }
}
