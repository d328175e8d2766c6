package org.earshot.pipeline.dedup;

import java.io.BufferedInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;

/**
 * One key group's seen keys, packed: open addressing with linear probing over parallel arrays of keys, expiry times
 * and values (an edit time, or a first id). A zero expiry marks a free slot. Expired keys keep their slots until the
 * table would grow; then it is rebuilt from its live keys alone, at twice their number, so it holds at most about one
 * and a half times the keys alive at its last rebuild, however fast keys come and go.
 *
 * <p>Why packed: a per-key state entry of Flink's heap backend is half a dozen objects, and a full snapshot walks and
 * writes every one of them, eight bytes at a time through Flink's streams. An hour's soak at 5,000 mentions/s spent a
 * fifth to a quarter of the process in those snapshots. Here a snapshot writes a key group's arrays in one pass.
 */
final class KeyTable {
    private static final byte FORMAT = 1;
    private static final int MIN_CAPACITY = 16;

    /** Whether values are edit times (the id stage) rather than first ids (a copy stage). */
    private final boolean edits;
    private long[] keys;
    private long[] expiries;
    private long[] editTimes;
    private String[] firsts;
    private int size;

    KeyTable(boolean edits) {
        this(edits, MIN_CAPACITY);
    }

    private KeyTable(boolean edits, int capacity) {
        this.edits = edits;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        expiries = new long[capacity];
        if (edits) editTimes = new long[capacity];
        else firsts = new String[capacity];
        size = 0;
    }

    /** Keys held, expired ones included. */
    int size() {
        return size;
    }

    /** The slot of {@code key} if it is alive at {@code now}; -1 otherwise. */
    int live(long key, long now) {
        int slot = find(key);
        return slot >= 0 && expiries[slot] > now ? slot : -1;
    }

    long editTime(int slot) {
        return editTimes[slot];
    }

    String first(int slot) {
        return firsts[slot];
    }

    void putEdit(long key, long editedAt, long expiry, long now) {
        int slot = put(key, expiry, now); // first: a rebuild replaces the arrays
        editTimes[slot] = editedAt;
    }

    void putFirst(long key, String id, long expiry, long now) {
        int slot = put(key, expiry, now);
        firsts[slot] = id;
    }

    /** The slot {@code key} now holds, expiring at {@code expiry}: its own if held, else a free one. */
    private int put(long key, long expiry, long now) {
        int slot = find(key);
        if (slot < 0) {
            if (4L * (size + 1) > 3L * keys.length) rebuild(now);
            slot = free(key);
            keys[slot] = key;
            size++;
        }
        expiries[slot] = expiry;
        return slot;
    }

    private int find(long key) {
        for (int slot = start(key); expiries[slot] != 0; slot = next(slot)) {
            if (keys[slot] == key) return slot;
        }
        return -1;
    }

    private int free(long key) {
        int slot = start(key);
        while (expiries[slot] != 0) slot = next(slot);
        return slot;
    }

    /** The first slot to probe: the key's high bits scaled to the capacity (keys are already uniform hashes). */
    private int start(long key) {
        return (int) (((key >>> 32) * keys.length) >>> 32);
    }

    private int next(int slot) {
        return slot + 1 == keys.length ? 0 : slot + 1;
    }

    /** Keeps only the keys alive at {@code now}, in a table of twice their number. */
    private void rebuild(long now) {
        long[] oldKeys = keys;
        long[] oldExpiries = expiries;
        long[] oldEdits = editTimes;
        String[] oldFirsts = firsts;
        int alive = 0;
        for (long expiry : oldExpiries) if (expiry > now) alive++;
        allocate(Math.max(MIN_CAPACITY, 2 * alive + MIN_CAPACITY));
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldExpiries[i] > now) place(oldKeys[i], oldExpiries[i], edits ? oldEdits[i] : 0, edits ? null : oldFirsts[i]);
        }
    }

    /** Adds a key known to be absent, with room for it: a rebuild's or a restore's. */
    private void place(long key, long expiry, long editedAt, String first) {
        int slot = free(key);
        keys[slot] = key;
        expiries[slot] = expiry;
        if (edits) editTimes[slot] = editedAt;
        else firsts[slot] = first;
        size++;
    }

    /** Calls {@code each} with every key alive at {@code now}. */
    void forEachLive(long now, EntryConsumer each) throws Exception {
        for (int i = 0; i < keys.length; i++) {
            if (expiries[i] > now) each.accept(keys[i], expiries[i], edits ? editTimes[i] : 0, edits ? null : firsts[i]);
        }
    }

    interface EntryConsumer {
        void accept(long key, long expiry, long editedAt, String first) throws Exception;
    }

    /**
     * Writes the keys alive at {@code now}: a format byte, whether values are edits, the count, then each key, its
     * expiry and its value (an edit time, or a first id as a length and UTF-8 bytes), through {@code buffer}.
     */
    void write(OutputStream out, ByteBuffer buffer, long now) throws IOException {
        int alive = 0;
        for (long expiry : expiries) if (expiry > now) alive++;
        buffer.clear();
        buffer.put(FORMAT).put((byte) (edits ? 1 : 0)).putInt(alive);
        for (int i = 0; i < keys.length; i++) {
            if (expiries[i] <= now) continue;
            if (buffer.remaining() < 24) drain(out, buffer);
            buffer.putLong(keys[i]).putLong(expiries[i]);
            if (edits) {
                buffer.putLong(editTimes[i]);
                continue;
            }
            byte[] id = firsts[i].getBytes(StandardCharsets.UTF_8);
            buffer.putInt(id.length);
            if (buffer.remaining() < id.length) drain(out, buffer);
            if (buffer.remaining() < id.length) out.write(id); // longer than the whole buffer
            else buffer.put(id);
        }
        drain(out, buffer);
    }

    private static void drain(OutputStream out, ByteBuffer buffer) throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    /** Reads a table {@link #write} wrote. */
    static KeyTable read(DataInput in) throws IOException {
        byte format = in.readByte();
        if (format != FORMAT) throw new IOException("unknown format " + format + " of a dedup stage's keys");
        boolean edits = in.readByte() == 1;
        int count = in.readInt();
        KeyTable table = new KeyTable(edits, Math.max(MIN_CAPACITY, 2 * count + MIN_CAPACITY));
        for (int i = 0; i < count; i++) {
            long key = in.readLong();
            long expiry = in.readLong();
            if (edits) {
                table.place(key, expiry, in.readLong(), null);
            } else {
                byte[] id = new byte[in.readInt()];
                in.readFully(id);
                table.place(key, expiry, 0, new String(id, StandardCharsets.UTF_8));
            }
        }
        return table;
    }

    /**
     * Reads every key group's table of a stage's restored raw keyed state ({@code edits}: the id stage's). The streams
     * are Flink's, each at its group's offset; Flink closes them.
     */
    static void readGroups(Iterable<KeyGroupStatePartitionStreamProvider> restored, boolean edits, GroupConsumer each) throws Exception {
        for (KeyGroupStatePartitionStreamProvider group : restored) {
            KeyTable table = read(new DataInputStream(new BufferedInputStream(group.getStream(), 1 << 16)));
            if (table.edits != edits) throw new IOException("the restored keys of key group " + group.getKeyGroupId() + " are another dedup stage's");
            each.accept(group.getKeyGroupId(), table);
        }
    }

    interface GroupConsumer {
        void accept(int keyGroup, KeyTable table) throws Exception;
    }
}
