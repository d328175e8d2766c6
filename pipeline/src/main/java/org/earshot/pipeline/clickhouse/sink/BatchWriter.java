package org.earshot.pipeline.clickhouse.sink;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;

/**
 * Turns records into rows and cuts them into batches of at most {@code batchRows}, handing every
 * batch over at the next checkpoint. Rows are copied out of the record at once, so reused
 * records are safe.
 */
final class BatchWriter<T> implements CommittingSinkWriter<T, InsertBatch> {
    private final ClickHouseTable<T> table;
    private final int batchRows;
    private final String tokenPrefix;
    private final List<InsertBatch> ready = new ArrayList<>();
    private List<Object[]> rows = new ArrayList<>();
    /** The checkpoint the next handed-over batches belong to, counted from the restored one. */
    private long checkpoint;
    private int sequence;

    BatchWriter(ClickHouseTable<T> table, int batchRows, String tokenPrefix, long firstCheckpoint) {
        this.table = table;
        this.batchRows = batchRows;
        this.tokenPrefix = tokenPrefix;
        this.checkpoint = firstCheckpoint;
    }

    @Override
    public void write(T record, Context context) {
        rows.add(table.rows().row(record));
        if (rows.size() >= batchRows) cut();
    }

    @Override
    public void flush(boolean endOfInput) {
        // Batches leave with prepareCommit, which follows every flush.
    }

    @Override
    public List<InsertBatch> prepareCommit() {
        cut();
        List<InsertBatch> batches = List.copyOf(ready);
        ready.clear();
        checkpoint++;
        sequence = 0;
        return batches;
    }

    private void cut() {
        if (rows.isEmpty()) return;
        ready.add(new InsertBatch(tokenPrefix + "/" + checkpoint + "/" + sequence++, rows));
        rows = new ArrayList<>(Math.min(batchRows, 1024));
    }

    @Override
    public void close() {
        rows.clear();
        ready.clear();
    }
}
