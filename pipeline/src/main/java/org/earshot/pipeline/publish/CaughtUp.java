package org.earshot.pipeline.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.earshot.pipeline.kafka.EndsAtStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the scheduler has read {@code earshot.publications} up to where it ended when the job (re)started. Until
 * then nothing is sent: a cancel written while the job was down, or while it was catching up, must be read before the
 * post it cancels falls due. Positions come from the records read, and from the checkpoint after a restart; a topic
 * that stops short of its end (a compacted or transactional end offset with no record) counts as read once nothing
 * has come for {@link #QUIET}.
 */
public final class CaughtUp {
    private static final Logger LOG = LoggerFactory.getLogger(CaughtUp.class);
    static final Duration QUIET = Duration.ofSeconds(30);

    /** A partition and the highest offset read from it (operator state, so a restart knows where it was). */
    public static class Position {
        public int partition;
        public long offset;

        public Position() {}

        Position(int partition, long offset) {
            this.partition = partition;
            this.offset = offset;
        }
    }

    private final Map<Integer, Long> ends;
    private final Map<Integer, Long> read = new HashMap<>();
    private long lastReadNanos = System.nanoTime();
    private boolean done;

    CaughtUp(EndsAtStart endsAtStart) throws Exception {
        this.ends = endsAtStart.ends();
    }

    void restore(Iterable<Position> positions) {
        for (Position p : positions) read.merge(p.partition, p.offset, Math::max);
    }

    java.util.List<Position> positions() {
        return read.entrySet().stream().map(e -> new Position(e.getKey(), e.getValue())).toList();
    }

    void read(int partition, long offset) {
        read.merge(partition, offset, Math::max);
        lastReadNanos = System.nanoTime();
    }

    boolean now() {
        if (done) return true;
        boolean atEnd = ends.entrySet().stream().allMatch(e -> e.getValue() <= 0 || read.getOrDefault(e.getKey(), -1L) >= e.getValue() - 1);
        if (!atEnd && System.nanoTime() - lastReadNanos > QUIET.toNanos()) {
            LOG.warn("nothing arrived from the publications topic for {} s short of where it ended at start ({}); going on", QUIET.toSeconds(), ends);
            atEnd = true;
        }
        done = atEnd;
        return done;
    }
}
