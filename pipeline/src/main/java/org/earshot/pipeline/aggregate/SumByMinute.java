package org.earshot.pipeline.aggregate;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums each subtask's records into partial tallies per window key and minute before they cross the network to the
 * minute windows: one record per rule's cell (or rule) and minute instead of one per match. At a live stream's rate a
 * minute of one rule holds thousands of matches, and each one sent alone was serialized, shuffled and merged into the
 * window's state.
 *
 * <p>A minute's partials go out before the watermark that closes it, so the windows judge them on time exactly as
 * they would have judged the records (or earlier, never later); everything held goes out before each checkpoint's
 * barrier, so the operator keeps no state and a restart loses nothing. A partial carries its minute's start as its
 * timestamp, which puts it in the same window as its records. A record without a timestamp counts in the minute it is
 * read.
 */
final class SumByMinute<T, A extends Tally<T, A>> extends AbstractStreamOperator<A> implements OneInputStreamOperator<T, A> {
    private static final long serialVersionUID = 1L;
    private static final long MINUTE_MILLIS = RuleAggregates.MINUTE.toMillis();

    private final KeySelector<T, String> key;
    private final MergeTallies.Empty<A> empty;
    /** Minute start → window key → the partial tally; minutes in order, so a watermark sends the closed ones first. */
    private transient TreeMap<Long, Map<String, A>> held;

    /** {@code key} as the windows after it are keyed; {@code empty} makes a tally. */
    SumByMinute(KeySelector<T, String> key, MergeTallies.Empty<A> empty) {
        this.key = key;
        this.empty = empty;
    }

    @Override
    public void open() throws Exception {
        super.open();
        held = new TreeMap<>();
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        long at = element.hasTimestamp() ? element.getTimestamp() : getProcessingTimeService().getCurrentProcessingTime();
        long minute = TimeWindow.getWindowStartWithOffset(at, 0, MINUTE_MILLIS);
        T record = element.getValue();
        held.computeIfAbsent(minute, m -> new HashMap<>()).computeIfAbsent(key.getKey(record), k -> empty.get()).add(record);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        // A window fires when the watermark reaches its last millisecond: its partials must be there before.
        long w = mark.getTimestamp();
        if (w == Long.MAX_VALUE) send(Long.MAX_VALUE);
        else if (w >= Long.MIN_VALUE + MINUTE_MILLIS) send(w - MINUTE_MILLIS + 1);
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        send(Long.MAX_VALUE);
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        send(Long.MAX_VALUE);
        super.finish();
    }

    /** Sends the partials of every minute that starts at or before {@code lastStart}. */
    private void send(long lastStart) {
        for (Iterator<Map.Entry<Long, Map<String, A>>> minutes = held.headMap(lastStart, true).entrySet().iterator(); minutes.hasNext(); ) {
            Map.Entry<Long, Map<String, A>> minute = minutes.next();
            StreamRecord<A> record = new StreamRecord<>(null, minute.getKey());
            for (A partial : minute.getValue().values()) output.collect(record.replace(partial));
            minutes.remove();
        }
    }
}
