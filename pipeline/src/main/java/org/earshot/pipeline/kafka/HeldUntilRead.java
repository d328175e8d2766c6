package org.earshot.pipeline.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the records of a broadcast function's main input back (in checkpointed state) until its broadcast side, a
 * compacted topic, has been read up to where the topic ended when the function opened ({@link EndsAtStart}). Flink
 * orders no two inputs: without this, a job started on a backlog would judge its first mentions against whichever
 * rules or subscriptions happened to arrive first. If the topic stops short of its end for {@code quiet} (a
 * transaction marker or compaction can leave the last offset without a record), or {@code maxHeld} records wait, the
 * records go on anyway, with a warning. A restart asks for the ends again.
 *
 * @param <T> the held records
 */
public final class HeldUntilRead<T> {
    private static final Logger LOG = LoggerFactory.getLogger(HeldUntilRead.class);

    private final String topic;
    private final Duration quiet;
    private final int maxHeld;
    private Map<Integer, Long> ends;
    private boolean loaded;
    private long lastReadNanos;
    private final List<T> held = new ArrayList<>();
    private ListState<T> heldState;

    /** Partition of the topic → the highest offset read: broadcast state, so every subtask and restart knows it. */
    public static MapStateDescriptor<Integer, Long> positions(String name) {
        return new MapStateDescriptor<>(name, Types.INT, Types.LONG);
    }

    public HeldUntilRead(String topic, EndsAtStart endsAtStart, Duration quiet, int maxHeld) throws Exception {
        this.topic = topic;
        this.quiet = quiet;
        this.maxHeld = maxHeld;
        this.ends = endsAtStart.ends();
        this.lastReadNanos = System.nanoTime();
    }

    /** Restores the held records (call from {@code initializeState}). */
    public void restore(FunctionInitializationContext context, String name, TypeInformation<T> type) throws Exception {
        heldState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>(name, type));
        for (T t : heldState.get()) held.add(t);
    }

    /** Keeps the held records in the checkpoint (call from {@code snapshotState}). */
    public void snapshot() throws Exception {
        heldState.update(held);
    }

    /** A record of the topic was read at this position. */
    public void read(BroadcastState<Integer, Long> positions, int partition, long offset) throws Exception {
        Long before = positions.get(partition);
        if (before == null || offset > before) positions.put(partition, offset);
        lastReadNanos = System.nanoTime();
    }

    /** Whether records may go on: the topic read up to its end at start, or waited for long enough. */
    public boolean loaded(ReadOnlyBroadcastState<Integer, Long> positions) throws Exception {
        if (loaded) return true;
        boolean atEnd = true;
        for (Map.Entry<Integer, Long> end : ends.entrySet()) {
            Long offset = positions.get(end.getKey());
            if (end.getValue() > 0 && (offset == null || offset < end.getValue() - 1)) atEnd = false;
        }
        if (!atEnd && System.nanoTime() - lastReadNanos > quiet.toNanos()) {
            LOG.warn("nothing arrived from {} for {} s short of where it ended at start ({}); going on with what was read", topic, quiet.toSeconds(), ends);
            atEnd = true;
        }
        if (!atEnd && held.size() >= maxHeld) {
            LOG.warn("{} records waited for {} to load; going on with what was read", held.size(), topic);
            atEnd = true;
        }
        loaded = atEnd;
        return atEnd;
    }

    /**
     * Stamps what {@code out} emits next with {@code timestamp}, or with none: held records go on with their own event
     * time, and the record being processed gets its own back after them.
     */
    public static void stamp(org.apache.flink.util.Collector<?> out, Long timestamp) {
        if (!(out instanceof org.apache.flink.streaming.api.operators.TimestampedCollector<?> timed)) return;
        if (timestamp != null) timed.setAbsoluteTimestamp(timestamp);
        else timed.eraseTimestamp();
    }

    public void hold(T record) {
        held.add(record);
    }

    /** The held records, in their order, now to go on; none are held after. */
    public List<T> release() {
        if (!held.isEmpty()) LOG.info("{} loaded; the {} records that waited for it go on", topic, held.size());
        List<T> out = new ArrayList<>(held);
        held.clear();
        return out;
    }
}
