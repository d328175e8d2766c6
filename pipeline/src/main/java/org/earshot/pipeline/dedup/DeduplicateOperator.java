package org.earshot.pipeline.dedup;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.earshot.schemas.Mention;

/**
 * Lets the first mention of each key through and drops the rest for {@code ttl} after the key was first seen (by id:
 * or last edited). Runs on a stream keyed by a {@link DedupKey}. A copy stage (keyed by URL or text) drops each copy
 * and reports it through {@link #COPIES}, naming the mention it copies. It remembers only mentions a copy could share
 * a key with: one that falls back to its id there (no URL, a short text) passes untouched, since the id stage before
 * it already let each id through once, and holding it again took a third of all dedup state.
 *
 * <p>Edits: keyed by id (no {@code copiesBy}), a repeat with a later {@link Mention#editedAt} than any seen for that id
 * is an edit of the post and goes on marked {@link Mention#edit}; the copy stages let edits pass untouched, since an
 * edit is no copy of its own post.
 *
 * <p>Where the keys are kept: on Flink's heap backend, in {@link PackedKeys} (arrays per key group, checkpointed in
 * bulk); on any other backend (RocksDB, or the heap under the changelog), in {@link ManagedKeys}, one Flink state per
 * key, which those backends checkpoint incrementally. A restore reads what either wrote.
 */
public final class DeduplicateOperator extends AbstractStreamOperator<Mention> implements OneInputStreamOperator<Mention, Mention> {
    /** Accumulator name, summed over every dedup stage, read by the demo's live view. */
    public static final String DUPLICATES = "duplicates-dropped";
    public static final OutputTag<MentionCopy> COPIES = new OutputTag<>("copies") {};

    private final Duration ttl;
    /** The key of a copy stage; null in the id stage. */
    private final DedupKey copiesBy;

    private transient SeenKeys seen;
    /** {@link #seen} when it is packed: written to the checkpoint as raw keyed state. */
    private transient PackedKeys packed;
    private transient LongCounter duplicates;
    private transient Counter duplicatesMetric;

    /** Drops repeats without reporting them (redeliveries of the same mention). */
    public DeduplicateOperator(Duration ttl) {
        this(ttl, null);
    }

    /** Drops copies found under {@code copiesBy} (the key of the stream it reads) and reports each. */
    public DeduplicateOperator(Duration ttl, DedupKey copiesBy) {
        if (copiesBy != null && copiesBy.copiesAs == null) throw new IllegalArgumentException(copiesBy + " finds no copies");
        if (ttl.toMillis() < 1) throw new IllegalArgumentException("the dedup time to live must be at least a millisecond");
        this.ttl = ttl;
        this.copiesBy = copiesBy;
    }

    @Override
    protected boolean isUsingCustomRawKeyedState() {
        return true; // the packed keys; no timers here would share it
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        boolean ids = copiesBy == null;
        KeyedStateBackend<Long> backend = getKeyedStateBackend();
        if (backend instanceof HeapKeyedStateBackend<Long> heap) {
            SeenKeys earlier = holdsAny(backend, ManagedKeys.stateNames(ids)) ? new ManagedKeys(getKeyedStateStore(), ttl, ids, false) : null;
            packed = new PackedKeys(ttl, ids, heap.getNumberOfKeyGroups(), heap.getKeyGroupRange(), earlier);
            packed.restore(context.getRawKeyedStateInputs());
            seen = packed;
        } else {
            seen = new ManagedKeys(getKeyedStateStore(), ttl, ids, true);
            importPacked(context, backend, ids);
        }
    }

    /** Whether any of the named per-key states holds a key: restored from before the packed tables, or another backend. */
    private static boolean holdsAny(KeyedStateBackend<Long> backend, String[] names) {
        for (String name : names) {
            try (Stream<Long> keys = backend.getKeys(name, VoidNamespace.INSTANCE)) {
                if (keys.findAny().isPresent()) return true;
            }
        }
        return false;
    }

    /**
     * Moves packed keys restored from the heap backend into this backend's per-key states, once, at the restore. Their
     * time to live starts again from now: Flink's states take no expiry from outside.
     */
    private void importPacked(StateInitializationContext context, KeyedStateBackend<Long> backend, boolean ids) throws Exception {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        KeyTable.readGroups(context.getRawKeyedStateInputs(), ids, (group, table) -> table.forEachLive(now, (key, expiry, editedAt, first) -> {
            backend.setCurrentKey(key);
            if (ids) seen.edited(key, editedAt, now);
            else seen.first(key, first, now);
        }));
    }

    @Override
    public void open() throws Exception {
        super.open();
        // Shared with any other dedup stage chained into the same task: a second accumulator of one name fails it.
        duplicates = getRuntimeContext().getLongCounter(DUPLICATES);
        duplicatesMetric = getMetricGroup().counter("duplicatesDropped");
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        if (packed != null) packed.snapshot(context.getRawKeyedOperatorStateOutput(), getProcessingTimeService().getCurrentProcessingTime());
    }

    @Override
    public void processElement(StreamRecord<Mention> record) throws Exception {
        Mention mention = record.getValue();
        long key = (Long) getCurrentKey();
        long now = getProcessingTimeService().getCurrentProcessingTime();
        if (copiesBy == null) byId(record, mention, key, now);
        else asCopy(record, mention, key, now);
    }

    private void byId(StreamRecord<Mention> record, Mention mention, long key, long now) throws Exception {
        mention.edit = null; // the id stage decides what is an edit; input cannot claim it
        Long edited = seen.edited(key, now);
        long editedAt = mention.editedAt == null ? SeenKeys.NEVER_EDITED : mention.editedAt.toEpochMilli();
        if (edited == null) {
            seen.edited(key, editedAt, now);
            output.collect(record);
        } else if (mention.editedAt != null && editedAt > edited) {
            seen.edited(key, editedAt, now);
            mention.edit = Boolean.TRUE;
            output.collect(record);
        } else {
            dropped();
        }
    }

    private void asCopy(StreamRecord<Mention> record, Mention mention, long key, long now) throws Exception {
        if (Boolean.TRUE.equals(mention.edit) || copiesBy.byId(mention)) {
            output.collect(record);
            return;
        }
        String original = seen.first(key, now);
        if (original == null) {
            seen.first(key, mention.id, now);
            output.collect(record);
            return;
        }
        dropped();
        if (!original.equals(SeenKeys.UNKNOWN_FIRST) && !original.equals(mention.id)) {
            MentionCopy copy = new MentionCopy(original, mention.id, mention.network, copiesBy.copiesAs, Instant.now());
            output.collect(COPIES, record.hasTimestamp() ? new StreamRecord<>(copy, record.getTimestamp()) : new StreamRecord<>(copy));
        }
    }

    private void dropped() {
        duplicates.add(1);
        duplicatesMetric.inc();
    }

    /** Keys held in the packed tables, expired ones not yet cleared included; -1 when Flink's per-key states hold them. */
    public long heldKeys() {
        return seen.held();
    }
}
