package org.earshot.pipeline.clickhouse.sink;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Batches in checkpoints: the token, the row offsets and the encoded rows as they are. */
final class InsertBatchSerializer implements SimpleVersionedSerializer<InsertBatch> {
    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(InsertBatch batch) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64 + batch.size() * 4 + batch.rows().length);
        out.writeUTF(batch.token());
        out.writeInt(batch.size());
        for (int offset : batch.offsets()) out.writeInt(offset);
        out.writeInt(batch.rows().length);
        out.write(batch.rows());
        return out.getCopyOfBuffer();
    }

    @Override
    public InsertBatch deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1) throw new IOException("unknown ClickHouse batch version " + version);
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        String token = in.readUTF();
        int[] offsets = new int[in.readInt()];
        for (int i = 0; i < offsets.length; i++) offsets[i] = in.readInt();
        byte[] rows = new byte[in.readInt()];
        in.readFully(rows);
        return new InsertBatch(token, offsets, rows);
    }
}
