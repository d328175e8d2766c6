package org.earshot.pipeline.ingest.source;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.pipeline.ingest.poll.Cursor;
import org.earshot.pipeline.ingest.poll.Poll;
import org.earshot.pipeline.ingest.poll.Polled;
import org.earshot.pipeline.ingest.poll.Poller;
import org.earshot.pipeline.ingest.poll.SourceSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls this reader's sources, each when it is due, on Flink's fetcher thread (never the task
 * thread, so checkpoints are not held up by a slow upstream). An upstream that fails is backed off
 * (doubling from the source's interval up to {@link #MAX_BACKOFF}, never sooner than its
 * Retry-After); a payload it cannot read becomes a problem record (a dead letter) and the source
 * carries on.
 */
final class PollSplitReader implements SplitReader<Polled, PollSplit> {
    static final Duration MAX_BACKOFF = Duration.ofMinutes(30);
    private static final Logger LOG = LoggerFactory.getLogger(PollSplitReader.class);

    private final PoliteHttp http;
    private final Map<String, Scheduled> sources = new HashMap<>();
    private final Object signal = new Object();
    private boolean woken;

    /** A source, its poller, where it stands, and when it is due. */
    private static final class Scheduled {
        final SourceSpec spec;
        final Poller poller;
        Cursor cursor;
        long dueNanos;
        int failures;

        Scheduled(PollSplit split) {
            this.spec = split.spec();
            this.poller = spec.poller();
            this.cursor = split.cursor();
            this.dueNanos = System.nanoTime();
        }
    }

    private final Map<String, SourceSpec> configured;

    /** @param configured the sources as configured now, by id: they win over a restored split's settings */
    PollSplitReader(PoliteHttp http, Map<String, SourceSpec> configured) {
        this.http = http;
        this.configured = configured;
    }

    @Override
    public RecordsWithSplitIds<Polled> fetch() {
        Scheduled next = waitForDue();
        if (next == null) return new RecordsBySplits<>(Map.of(), Set.of());
        List<Polled> steps = new ArrayList<>();
        try {
            Poll poll = next.poller.poll(next.cursor, http, Instant.now());
            steps.addAll(poll.steps());
            next.cursor = poll.cursor();
            next.failures = 0;
            next.dueNanos = System.nanoTime() + poll.pause().toNanos();
        } catch (FetchException e) {
            Duration backoff = backoff(next, e);
            LOG.warn("source '{}': {}; next try in {} s", next.spec.id(), e.getMessage(), backoff.toSeconds());
            if (e.kind() == FetchException.Kind.MALFORMED || e.kind() == FetchException.Kind.TOO_LARGE) {
                steps.add(new Polled(Ingested.problem(next.spec.id(), e.getMessage(), ""), next.cursor));
            }
            next.dueNanos = System.nanoTime() + backoff.toNanos();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug or an upstream shape nobody foresaw: keep every other source going.
            Duration backoff = backoff(next, null);
            LOG.error("source '{}' failed; next try in {} s", next.spec.id(), backoff.toSeconds(), e);
            next.dueNanos = System.nanoTime() + backoff.toNanos();
        }
        return new RecordsBySplits<>(Map.of(next.spec.id(), steps), Set.of());
    }

    static Duration backoff(int failures, Duration interval, FetchException e) {
        long factor = 1L << Math.min(failures, 16);
        Duration wait = interval.multipliedBy(factor);
        if (wait.compareTo(MAX_BACKOFF) > 0) wait = MAX_BACKOFF;
        if (e != null && e.retryAfter() != null && e.retryAfter().compareTo(wait) > 0) {
            wait = e.retryAfter().compareTo(MAX_BACKOFF.multipliedBy(4)) > 0 ? MAX_BACKOFF.multipliedBy(4) : e.retryAfter();
        }
        return wait;
    }

    private Duration backoff(Scheduled source, FetchException e) {
        source.failures++;
        return backoff(source.failures, source.spec.every(), e);
    }

    /** The source due soonest once it is due; null when woken up or when there is none. */
    private Scheduled waitForDue() {
        synchronized (signal) {
            while (true) {
                if (woken) {
                    woken = false;
                    return null;
                }
                Scheduled soonest = null;
                for (Scheduled s : sources.values()) if (soonest == null || s.dueNanos < soonest.dueNanos) soonest = s;
                long waitNanos = soonest == null ? Duration.ofSeconds(1).toNanos() : soonest.dueNanos - System.nanoTime();
                if (soonest != null && waitNanos <= 0) return soonest;
                try {
                    signal.wait(Math.max(1, waitNanos / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                if (soonest == null) return null;
            }
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<PollSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("unsupported split change " + change.getClass().getSimpleName());
        }
        synchronized (signal) {
            for (PollSplit split : change.splits()) {
                SourceSpec now = configured.get(split.splitId());
                if (now == null) {
                    LOG.info("source '{}' is no longer configured; not polling it", split.splitId());
                    continue;
                }
                sources.put(split.splitId(), new Scheduled(new PollSplit(now, split.cursor())));
            }
            signal.notifyAll();
        }
    }

    @Override
    public void wakeUp() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    @Override
    public void pauseOrResumeSplits(Collection<PollSplit> toPause, Collection<PollSplit> toResume) {}

    @Override
    public void close() {
        http.close();
    }
}
