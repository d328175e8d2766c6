package org.earshot.pipeline.clickhouse.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Batches in checkpoints: the token, the row offsets and the encoded rows, LZ4-compressed (see
 * {@link InsertBatch}).
 *
 * <p>Flink asks for each batch's bytes several times per checkpoint (its committer state's list
 * serialization asks twice per level, three levels deep). Each batch's bytes are made once and
 * handed out again while the batch is alive; a batch never changes once cut, and batches compare
 * by identity, so the kept bytes never go stale. Version 1 (uncompressed) is still read.
 */
final class InsertBatchSerializer implements SimpleVersionedSerializer<InsertBatch> {
    private final Map<InsertBatch, byte[]> made = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public int getVersion() {
        return 2;
    }

    @Override
    public byte[] serialize(InsertBatch batch) throws IOException {
        byte[] bytes = made.get(batch);
        if (bytes == null) {
            bytes = encode(batch);
            made.put(batch, bytes);
        }
        return bytes;
    }

    private static byte[] encode(InsertBatch batch) throws IOException {
        byte[] compressed = batch.compressedRows();
        DataOutputSerializer out = new DataOutputSerializer(2 + batch.token().getBytes(StandardCharsets.UTF_8).length + 4 + batch.size() * 4 + 8 + compressed.length);
        out.writeUTF(batch.token());
        out.writeInt(batch.size());
        for (int offset : batch.offsets()) out.writeInt(offset);
        out.writeInt(batch.rows().length);
        out.writeInt(compressed.length);
        out.write(compressed);
        return out.length() == out.getSharedBuffer().length ? out.getSharedBuffer() : out.getCopyOfBuffer();
    }

    @Override
    public InsertBatch deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1 && version != 2) throw new IOException("unknown ClickHouse batch version " + version);
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        String token = in.readUTF();
        int[] offsets = new int[in.readInt()];
        for (int i = 0; i < offsets.length; i++) offsets[i] = in.readInt();
        int rowsLength = in.readInt();
        if (version == 1) {
            byte[] rows = new byte[rowsLength];
            in.readFully(rows);
            return new InsertBatch(token, offsets, rows);
        }
        byte[] compressed = new byte[in.readInt()];
        in.readFully(compressed);
        return InsertBatch.restored(token, offsets, rowsLength, compressed);
    }
}
