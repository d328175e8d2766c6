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
import org.earshot.schemas.Mention;

/**
 * Lets the first mention of each key through and drops the rest for {@code ttl} after the key was
 * first seen. Keyed by a {@link DedupKey}. When it reports copies ({@code copiesAs} set), each
 * dropped mention leaves through {@link #COPIES} naming the mention it copies.
 *
 * <p>Edits: keyed by id (no {@code copiesAs}), a repeat with a later {@link Mention#editedAt}
 * than any seen for that id is an edit of the post and goes on marked {@link Mention#edit}; the
 * copy stages let edits pass untouched, since an edit is no copy of its own post.
 */
public final class DeduplicateFunction extends KeyedProcessFunction<Long, Mention, Mention> {
    /** Accumulator name, summed over both dedup stages, read by the demo's live view. */
    public static final String DUPLICATES = "duplicates-dropped";
    public static final OutputTag<MentionCopy> COPIES = new OutputTag<>("copies") {};

    private final Duration ttl;
    private final String copiesAs;
    private transient ValueState<Boolean> seen;
    private transient ValueState<String> first;
    /** By id: the latest {@code editedAt} seen, epoch milliseconds. */
    private transient ValueState<Long> lastEdit;
    private transient LongCounter duplicates;
    private transient Counter duplicatesMetric;

    /** Drops repeats without reporting them (redeliveries of the same mention). */
    public DeduplicateFunction(Duration ttl) {
        this(ttl, null);
    }

    /** Drops copies and reports each, {@code matchedBy} saying what gave it away. */
    public DeduplicateFunction(Duration ttl, String matchedBy) {
        this.ttl = ttl;
        this.copiesAs = matchedBy;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        // Remembered from the first sighting; each state access sweeps one more entry for expiry,
        // which keeps memory bounded without walking the whole table on the hot path.
        StateTtlConfig expiry = StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupIncrementally(1, false)
                .build();
        descriptor.enableTimeToLive(expiry);
        seen = getRuntimeContext().getState(descriptor);
        if (copiesAs != null) {
            // Apart from "seen" so that state checkpointed before copies were reported still restores.
            ValueStateDescriptor<String> firstId = new ValueStateDescriptor<>("first-id", Types.STRING);
            firstId.enableTimeToLive(expiry);
            first = getRuntimeContext().getState(firstId);
        } else {
            ValueStateDescriptor<Long> edited = new ValueStateDescriptor<>("last-edit", Types.LONG);
            edited.enableTimeToLive(expiry);
            lastEdit = getRuntimeContext().getState(edited);
        }
        duplicates = new LongCounter();
        getRuntimeContext().addAccumulator(DUPLICATES, duplicates);
        duplicatesMetric = getRuntimeContext().getMetricGroup().counter("duplicatesDropped");
    }

    @Override
    public void processElement(Mention mention, Context ctx, Collector<Mention> out) throws Exception {
        if (lastEdit != null) {
            mention.edit = null; // the id stage decides what is an edit; input cannot claim it
        } else if (Boolean.TRUE.equals(mention.edit)) {
            out.collect(mention);
            return;
        }
        if (seen.value() != null) {
            if (lastEdit != null && isNewerEdit(mention)) {
                lastEdit.update(mention.editedAt.toEpochMilli());
                mention.edit = Boolean.TRUE;
                out.collect(mention);
                return;
            }
            duplicates.add(1);
            duplicatesMetric.inc();
            String original = first == null ? null : first.value();
            if (original != null && !original.equals(mention.id)) {
                ctx.output(COPIES, new MentionCopy(original, mention.id, mention.network, copiesAs, Instant.now()));
            }
            return;
        }
        seen.update(Boolean.TRUE);
        if (first != null) first.update(mention.id);
        if (lastEdit != null && mention.editedAt != null) lastEdit.update(mention.editedAt.toEpochMilli());
        out.collect(mention);
    }

    private boolean isNewerEdit(Mention mention) throws Exception {
        if (mention.editedAt == null) return false;
        Long last = lastEdit.value();
        return last == null || mention.editedAt.toEpochMilli() > last;
    }
}
