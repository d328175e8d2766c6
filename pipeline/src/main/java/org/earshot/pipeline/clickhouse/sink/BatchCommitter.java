package org.earshot.pipeline.clickhouse.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.flink.api.connector.sink2.Committer;

/**
 * Inserts the batches of completed checkpoints over {@link #LANES} {@link InsertLane}s, each with its own
 * connection: one insert keeps about one core of the engine busy, and the batches of a checkpoint are
 * independent (each has its deduplication token). A batch that cannot be stored fails the job, which restarts
 * from its checkpoint and commits the same batches again; the tokens make that safe.
 */
final class BatchCommitter implements Committer<InsertBatch> {
    static final int LANES = 2;

    /** This sink subtask, as {@link InFlightInserts} knows it. */
    private final String subtask;
    private final RejectedRows rejected;
    private final List<InsertLane> lanes = new ArrayList<>();

    BatchCommitter(String subtask, ClickHouseTable<?> table, ClickHouseSinkOptions options, RejectedRows rejected, SinkMetrics metrics) {
        this.subtask = subtask;
        this.rejected = rejected;
        for (int i = 0; i < LANES; i++) {
            lanes.add(new InsertLane("clickhouse-insert " + table.name() + " " + subtask + " #" + i, table, options, rejected, metrics));
        }
    }

    @Override
    public void commit(Collection<CommitRequest<InsertBatch>> requests) throws IOException, InterruptedException {
        // One checkpoint's inserts at a time; the writer waits for them before the next barrier (see InFlightInserts).
        InFlightInserts.await(subtask);
        List<InsertBatch> batches = requests.stream().map(CommitRequest::getCommittable).toList();
        if (batches.isEmpty()) return;
        List<CompletableFuture<Void>> inserts = new ArrayList<>();
        for (int i = 0; i < lanes.size() && i < batches.size(); i++) {
            List<InsertBatch> share = new ArrayList<>();
            for (int b = i; b < batches.size(); b += lanes.size()) share.add(batches.get(b));
            inserts.add(lanes.get(i).insertAll(share));
        }
        InFlightInserts.start(subtask, CompletableFuture.allOf(inserts.toArray(CompletableFuture[]::new)).thenRun(this::flushDeadLetters));
    }

    private void flushDeadLetters() {
        try {
            rejected.flush();
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    /** Waits for the last insert: a bounded job finishes only once everything is stored. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            InFlightInserts.await(subtask);
        } finally {
            lanes.forEach(InsertLane::close);
            rejected.close();
        }
    }
}
