package org.earshot.pipeline.clickhouse.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;

/**
 * Encodes each record into a RowBinary batch at once (so reused records are safe and the
 * checkpoint holds compact bytes), cuts a batch every {@code batchRows} rows, and hands every
 * batch over at the next checkpoint. A record with a value its column cannot hold is
 * dead-lettered here, naming the column.
 */
final class BatchWriter<T> implements CommittingSinkWriter<T, InsertBatch> {
    private final ClickHouseTable<T> table;
    private final int batchRows;
    private final String tokenPrefix;
    private final RejectedRows rejected;
    private final RowEncoder encoder;
    private final List<InsertBatch> ready = new ArrayList<>();
    /** Compresses cut batches for the checkpoint while this writer goes on encoding. */
    private final ExecutorService compressing = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "clickhouse-batch-compress");
        t.setDaemon(true);
        return t;
    });
    /** The checkpoint the next handed-over batches belong to, counted from the restored one. */
    private long checkpoint;
    private int sequence;

    BatchWriter(ClickHouseTable<T> table, int batchRows, String tokenPrefix, long firstCheckpoint, RejectedRows rejected) {
        this.table = table;
        this.batchRows = batchRows;
        this.tokenPrefix = tokenPrefix;
        this.rejected = rejected;
        this.encoder = new RowEncoder(table);
        this.checkpoint = firstCheckpoint;
    }

    @Override
    public void write(T record, Context context) throws IOException {
        Object[] row = table.rows().row(record);
        try {
            encoder.add(row);
        } catch (RefusedValue e) {
            rejected.send(row, e.column(), e.getMessage());
            return;
        }
        if (encoder.rows() >= batchRows) cut();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        // Batches leave with prepareCommit, which follows every flush; refused rows must be stored by then.
        rejected.flush();
    }

    @Override
    public List<InsertBatch> prepareCommit() throws IOException, InterruptedException {
        // The previous checkpoint's insert must have succeeded before this checkpoint can complete.
        InFlightInserts.await(tokenPrefix);
        cut();
        List<InsertBatch> batches = List.copyOf(ready);
        ready.clear();
        checkpoint++;
        sequence = 0;
        return batches;
    }

    private void cut() {
        if (encoder.rows() == 0) return;
        InsertBatch batch = encoder.cut(tokenPrefix + "/" + checkpoint + "/" + sequence++);
        batch.compressOn(compressing);
        ready.add(batch);
    }

    @Override
    public void close() {
        compressing.shutdown();
        ready.clear();
        rejected.close();
    }
}
