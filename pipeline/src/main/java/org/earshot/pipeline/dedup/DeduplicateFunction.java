package org.earshot.pipeline.dedup;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.earshot.pipeline.types.BulkStringSerializer;
import org.earshot.schemas.Mention;

/**
 * Lets the first mention of each key through and drops the rest for {@code ttl} after the key was
 * first seen (by id: or last edited). Keyed by a {@link DedupKey}. A copy stage (keyed by URL or text) drops each
 * copy and reports it through {@link #COPIES}, naming the mention it copies. It remembers only mentions a copy could
 * share a key with: one that falls back to its id there (no URL, a short text) passes untouched, since the id stage
 * before it already let each id through once, and holding it again took a third of all dedup state.
 *
 * <p>Edits: keyed by id (no {@code copiesBy}), a repeat with a later {@link Mention#editedAt}
 * than any seen for that id is an edit of the post and goes on marked {@link Mention#edit}; the
 * copy stages let edits pass untouched, since an edit is no copy of its own post.
 */
public final class DeduplicateFunction extends KeyedProcessFunction<Long, Mention, Mention> {
    /** Accumulator name, summed over both dedup stages, read by the demo's live view. */
    public static final String DUPLICATES = "duplicates-dropped";
    public static final OutputTag<MentionCopy> COPIES = new OutputTag<>("copies") {};

    /** Entries looked at for expiry on each access to a growing state (see {@link #expiry}). */
    static final int SWEPT_PER_ACCESS = 8;
    /**
     * In the id stage's state: seen, without an edit time. One object that every such key shares: boxed anew for
     * each key, it was 16 bytes of heap more per key, and one more object for each full snapshot to visit.
     */
    private static final Long NEVER_EDITED = Long.MIN_VALUE;

    private final Duration ttl;
    /** The key of a copy stage; null in the id stage. */
    private final DedupKey copiesBy;
    /**
     * One state per key, whose presence says the key was seen: by id, the latest {@code editedAt} (epoch
     * milliseconds, or {@link #NEVER_EDITED}); in the copy stages, the id of the mention first seen under the key.
     * One entry rather than two: about a sixth less heap and checkpoint per mention ({@code earshot bench state}).
     */
    private transient ValueState<Long> lastEdit;
    private transient ValueState<String> first;
    /** Written before 0.2 beside the states above; only read, so keys seen before an upgrade stay seen until they expire. */
    private transient ValueState<Boolean> seenBefore;
    private transient LongCounter duplicates;
    private transient Counter duplicatesMetric;

    /** Drops repeats without reporting them (redeliveries of the same mention). */
    public DeduplicateFunction(Duration ttl) {
        this(ttl, null);
    }

    /** Drops copies found under {@code copiesBy} (the key of the stream it reads) and reports each. */
    public DeduplicateFunction(Duration ttl, DedupKey copiesBy) {
        if (copiesBy != null && copiesBy.copiesAs == null) throw new IllegalArgumentException(copiesBy + " finds no copies");
        this.ttl = ttl;
        this.copiesBy = copiesBy;
    }

    @Override
    public void open(OpenContext context) {
        StateTtlConfig expiry = expiry(true);
        if (copiesBy != null) {
            ValueStateDescriptor<String> firstId = new ValueStateDescriptor<>("first-id", BulkStringSerializer.INSTANCE);
            firstId.enableTimeToLive(expiry);
            first = getRuntimeContext().getState(firstId);
        } else {
            ValueStateDescriptor<Long> edited = new ValueStateDescriptor<>("last-edit", Types.LONG);
            edited.enableTimeToLive(expiry);
            lastEdit = getRuntimeContext().getState(edited);
        }
        ValueStateDescriptor<Boolean> seen = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        seen.enableTimeToLive(expiry(false));
        seenBefore = getRuntimeContext().getState(seen);
        // Shared with any other dedup stage chained into the same task: a second accumulator of one name fails it.
        duplicates = getRuntimeContext().getLongCounter(DUPLICATES);
        duplicatesMetric = getRuntimeContext().getMetricGroup().counter("duplicatesDropped");
    }

    /**
     * Remembered from the first sighting (or edit) for the time to live; expired entries read as absent. No expired
     * key is read again while keys are new, so the state is swept as it is used: each access looks at up to
     * {@value #SWEPT_PER_ACCESS} entries, which keeps the table near its live keys without walking it all on the hot
     * path. One entry per access (an earlier setting) fell behind: an hour at 5,000 mentions/s held 14.3 million
     * entries for at most 5.3 million live keys and ran out of heap. With at most one new key per access, the sweep
     * passes over the whole table while it grows by an eighth at most, so a snapshot holds at most about a seventh
     * more than the live keys; filtering every snapshot for expired keys as well ({@code cleanupFullSnapshot}) was a
     * quarter of the heap snapshots' CPU (JFR, soak at 5,000/s) for those few. A stream that stops keeps its last
     * entries until traffic sweeps them; a restore reads none of them as seen.
     *
     * <p>The legacy state is not swept: a sweep of a state with nothing to sweep (every job started since the
     * change) makes a new walker on every read, a fifth of the Listen job's allocation (JFR). Its expired entries
     * are cleared when read and left out of full snapshots, so what an upgrade restored is the most it holds.
     */
    private StateTtlConfig expiry(boolean sweptAsRead) {
        StateTtlConfig.Builder expiry = StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired);
        return sweptAsRead
                ? expiry.cleanupIncrementally(SWEPT_PER_ACCESS, false).build()
                : expiry.cleanupFullSnapshot().disableCleanupInBackground().build();
    }

    @Override
    public void processElement(Mention mention, Context ctx, Collector<Mention> out) throws Exception {
        if (lastEdit != null) {
            mention.edit = null; // the id stage decides what is an edit; input cannot claim it
        } else if (Boolean.TRUE.equals(mention.edit) || copiesBy.byId(mention)) {
            out.collect(mention);
            return;
        }
        Long edited = lastEdit == null ? null : lastEdit.value();
        String original = first == null ? null : first.value();
        if (edited == null && original == null && seenBefore.value() == null) {
            if (first != null) first.update(mention.id);
            else lastEdit.update(mention.editedAt == null ? NEVER_EDITED : Long.valueOf(mention.editedAt.toEpochMilli()));
            out.collect(mention);
            return;
        }
        if (lastEdit != null && mention.editedAt != null && (edited == null || mention.editedAt.toEpochMilli() > edited)) {
            lastEdit.update(mention.editedAt.toEpochMilli());
            mention.edit = Boolean.TRUE;
            out.collect(mention);
            return;
        }
        duplicates.add(1);
        duplicatesMetric.inc();
        if (original != null && !original.equals(mention.id)) {
            ctx.output(COPIES, new MentionCopy(original, mention.id, mention.network, copiesBy.copiesAs, Instant.now()));
        }
    }
}
