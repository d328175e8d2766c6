package org.earshot.pipeline.clickhouse.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Batches in checkpoints: the token, then each row's values by column type. */
final class InsertBatchSerializer implements SimpleVersionedSerializer<InsertBatch> {
    private final List<Column> columns;

    InsertBatchSerializer(List<Column> columns) {
        this.columns = columns;
    }

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(InsertBatch batch) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64 + batch.rows().size() * 512);
        out.writeUTF(batch.token());
        out.writeInt(columns.size());
        out.writeInt(batch.rows().size());
        for (Object[] row : batch.rows()) {
            for (int i = 0; i < columns.size(); i++) columns.get(i).type().write(row[i], out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public InsertBatch deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1) throw new IOException("unknown ClickHouse batch version " + version);
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        String token = in.readUTF();
        int width = in.readInt();
        if (width != columns.size()) {
            throw new IOException("a checkpointed batch has " + width + " columns, the table now " + columns.size());
        }
        int n = in.readInt();
        List<Object[]> rows = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            Object[] row = new Object[width];
            for (int i = 0; i < width; i++) row[i] = columns.get(i).type().read(in);
            rows.add(row);
        }
        return new InsertBatch(token, rows);
    }
}
