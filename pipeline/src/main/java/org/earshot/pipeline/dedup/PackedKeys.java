package org.earshot.pipeline.dedup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyedStateCheckpointOutputStream;

/**
 * Seen keys in a {@link KeyTable} per key group of the subtask, checkpointed as Flink's raw keyed state: each key
 * group's live keys in one bulk write, which Flink hands to whichever subtask owns the group after a restore at any
 * parallelism. A key not in the tables is looked up in {@code earlier}, the per-key states restored from a checkpoint
 * taken before the tables (or on another backend), when there are any; those are only read, and expire.
 */
final class PackedKeys implements SeenKeys {
    private final long ttlMillis;
    private final boolean ids;
    private final int maxParallelism;
    private final KeyGroupRange groups;
    private final KeyTable[] tables;
    private final SeenKeys earlier;

    PackedKeys(Duration ttl, boolean ids, int maxParallelism, KeyGroupRange groups, SeenKeys earlier) {
        this.ttlMillis = ttl.toMillis();
        this.ids = ids;
        this.maxParallelism = maxParallelism;
        this.groups = groups;
        this.tables = new KeyTable[groups.getNumberOfKeyGroups()];
        for (int i = 0; i < tables.length; i++) tables[i] = new KeyTable(ids);
        this.earlier = earlier;
    }

    private KeyTable table(long key) {
        // Flink's assignment of the boxed key, from its hash code, without boxing it
        return tables[KeyGroupRangeAssignment.computeKeyGroupForKeyHash(Long.hashCode(key), maxParallelism) - groups.getStartKeyGroup()];
    }

    @Override
    public Long edited(long key, long now) throws Exception {
        KeyTable table = table(key);
        int slot = table.live(key, now);
        if (slot >= 0) return table.editTime(slot);
        return earlier == null ? null : earlier.edited(key, now);
    }

    @Override
    public void edited(long key, long editedAt, long now) {
        table(key).putEdit(key, editedAt, now + ttlMillis, now);
    }

    @Override
    public String first(long key, long now) throws Exception {
        KeyTable table = table(key);
        int slot = table.live(key, now);
        if (slot >= 0) return table.first(slot);
        return earlier == null ? null : earlier.first(key, now);
    }

    @Override
    public void first(long key, String id, long now) {
        table(key).putFirst(key, id, now + ttlMillis, now);
    }

    @Override
    public long held() {
        long held = 0;
        for (KeyTable table : tables) held += table.size();
        return held;
    }

    /** Writes each key group's live keys. */
    void snapshot(KeyedStateCheckpointOutputStream out, long now) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        for (int i = 0; i < tables.length; i++) {
            out.startNewKeyGroup(groups.getStartKeyGroup() + i);
            tables[i].write(out, buffer, now);
        }
    }

    /** Reads back the key groups {@link #snapshot} wrote that this subtask now owns. */
    void restore(Iterable<KeyGroupStatePartitionStreamProvider> restored) throws Exception {
        KeyTable.readGroups(restored, ids, (group, table) -> {
            if (!groups.contains(group)) throw new IOException("key group " + group + " is not this subtask's " + groups);
            tables[group - groups.getStartKeyGroup()] = table;
        });
    }
}
