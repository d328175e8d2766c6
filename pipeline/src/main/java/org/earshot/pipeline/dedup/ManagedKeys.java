package org.earshot.pipeline.dedup;

import java.time.Duration;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.earshot.pipeline.types.BulkStringSerializer;

/**
 * Seen keys as one Flink value state per key, with Flink's time to live: what a dedup stage keeps on RocksDB (whose
 * incremental checkpoints write only what changed) and what every version before the packed tables wrote. Reads and
 * writes the current key's state; the {@code key} and {@code now} arguments are Flink's own.
 */
final class ManagedKeys implements SeenKeys {
    /** Entries looked at for expiry on each access to a growing heap state (see {@link #ManagedKeys}). */
    static final int SWEPT_PER_ACCESS = 8;
    /** One object that every never-edited key shares: boxed anew for each key, it was 16 bytes of heap more per key. */
    private static final Long NEVER = NEVER_EDITED;

    private final ValueState<Long> lastEdit;
    private final ValueState<String> first;
    /** Written before 0.2 beside the states above; only read, so keys seen before an upgrade stay seen until they expire. */
    private final ValueState<Boolean> seenBefore;

    /**
     * The states of a stage ({@code ids}: the id stage). {@code swept}: a heap state is swept as it is used, each access
     * looking at up to {@value #SWEPT_PER_ACCESS} entries, which keeps the table near its live keys while keys are new;
     * otherwise (states only read, kept from before an upgrade) expired entries are left out of full snapshots.
     */
    ManagedKeys(KeyedStateStore store, Duration ttl, boolean ids, boolean swept) {
        StateTtlConfig expiry = expiry(ttl, swept);
        if (ids) {
            ValueStateDescriptor<Long> edited = new ValueStateDescriptor<>("last-edit", Types.LONG);
            edited.enableTimeToLive(expiry);
            lastEdit = store.getState(edited);
            first = null;
        } else {
            ValueStateDescriptor<String> firstId = new ValueStateDescriptor<>("first-id", BulkStringSerializer.INSTANCE);
            firstId.enableTimeToLive(expiry);
            first = store.getState(firstId);
            lastEdit = null;
        }
        ValueStateDescriptor<Boolean> seen = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        seen.enableTimeToLive(expiry(ttl, false));
        seenBefore = store.getState(seen);
    }

    /** Names of the states a stage of this kind writes or reads. */
    static String[] stateNames(boolean ids) {
        return new String[] {ids ? "last-edit" : "first-id", "seen"};
    }

    /**
     * First sighting and write start the time to live; expired entries read as absent. The legacy state is not swept:
     * a sweep of a state with nothing to sweep makes a new walker on every read, a fifth of the Listen job's allocation
     * (JFR).
     */
    private static StateTtlConfig expiry(Duration ttl, boolean swept) {
        StateTtlConfig.Builder expiry = StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired);
        return swept
                ? expiry.cleanupIncrementally(SWEPT_PER_ACCESS, false).build()
                : expiry.cleanupFullSnapshot().disableCleanupInBackground().build();
    }

    @Override
    public Long edited(long key, long now) throws Exception {
        Long edited = lastEdit.value();
        return edited != null ? edited : seenBefore.value() != null ? NEVER : null;
    }

    @Override
    public void edited(long key, long editedAt, long now) throws Exception {
        lastEdit.update(editedAt == NEVER_EDITED ? NEVER : Long.valueOf(editedAt));
    }

    @Override
    public String first(long key, long now) throws Exception {
        String id = first.value();
        return id != null ? id : seenBefore.value() != null ? UNKNOWN_FIRST : null;
    }

    @Override
    public void first(long key, String id, long now) throws Exception {
        first.update(id);
    }

    @Override
    public long held() {
        return -1; // Flink's backends count their entries themselves
    }
}
