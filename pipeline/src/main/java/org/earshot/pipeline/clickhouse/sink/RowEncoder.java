package org.earshot.pipeline.clickhouse.sink;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes rows into one batch of ClickHouse RowBinary with the driver's own writer, remembering
 * where each row starts. A row with a refused value leaves the batch exactly as it was.
 */
final class RowEncoder {
    private final List<Column> columns;
    private final Buffer buffer = new Buffer();
    private final RowBinaryFormatWriter writer;
    private int[] offsets = new int[1024];
    private int rows;

    RowEncoder(ClickHouseTable<?> table) {
        this.columns = table.columns();
        this.writer = new RowBinaryFormatWriter(buffer, table.schema(), ClickHouseFormat.RowBinary);
    }

    void add(Object[] row) throws RefusedValue {
        int start = buffer.size();
        for (int i = 0; i < columns.size(); i++) {
            try {
                writer.setValue(i + 1, columns.get(i).type().encode(row[i]));
            } catch (RuntimeException e) {
                writer.clearRow();
                throw new RefusedValue(columns.get(i).name(), e.getMessage(), e);
            }
        }
        try {
            writer.commitRow();
        } catch (IOException | RuntimeException e) {
            writer.clearRow();
            buffer.truncate(start);
            throw new RefusedValue(null, String.valueOf(e.getMessage()), e);
        }
        if (rows == offsets.length) offsets = Arrays.copyOf(offsets, rows * 2);
        offsets[rows++] = start;
    }

    int rows() {
        return rows;
    }

    /** The rows so far as a batch; the encoder starts empty again. */
    InsertBatch cut(String token) {
        InsertBatch batch = new InsertBatch(token, Arrays.copyOf(offsets, rows), buffer.toByteArray());
        buffer.reset();
        rows = 0;
        return batch;
    }

    /** A byte buffer that can drop a half-written row. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1 << 20);
        }

        void truncate(int size) {
            count = size;
        }
    }
}
