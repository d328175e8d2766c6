package org.earshot.pipeline.clickhouse.sink;

import java.util.Arrays;
import java.util.List;

/**
 * Encodes rows into one batch of ClickHouse RowBinary, remembering where each row starts. A row
 * with a refused value leaves the batch exactly as it was.
 */
final class RowEncoder {
    private final List<Column> columns;
    private final RowBinaryBuffer buffer = new RowBinaryBuffer();
    private int[] offsets = new int[1024];
    private int rows;

    RowEncoder(ClickHouseTable<?> table) {
        this.columns = table.columns();
    }

    void add(Object[] row) throws RefusedValue {
        int start = buffer.size();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            try {
                column.type().write(row[i], buffer);
            } catch (RuntimeException e) {
                buffer.truncate(start);
                throw new RefusedValue(column.name(), e.getMessage() != null ? e.getMessage() : e.toString(), e);
            }
        }
        if (rows == offsets.length) offsets = Arrays.copyOf(offsets, rows * 2);
        offsets[rows++] = start;
    }

    int rows() {
        return rows;
    }

    /** The rows so far as a batch; the encoder starts empty again. */
    InsertBatch cut(String token) {
        InsertBatch batch = new InsertBatch(token, Arrays.copyOf(offsets, rows), buffer.take());
        rows = 0;
        return batch;
    }
}
