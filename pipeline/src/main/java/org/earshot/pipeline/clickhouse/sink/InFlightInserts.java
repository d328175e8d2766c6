package org.earshot.pipeline.clickhouse.sink;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The insert a committer is running in the background, per sink subtask, so that its writer (in
 * the same task) waits for it before the next checkpoint's barrier passes.
 *
 * <p>Why this is safe: a committer commits the batches of checkpoint N after N completed, so N's
 * state still holds them. The insert runs while the writer works on, which is where the speed
 * comes from; but checkpoint N+1, the first one without those batches, cannot complete before the
 * writer has seen the insert succeed. If it fails, the task fails, the job restores N and commits
 * the same batches again, with the same tokens.
 */
final class InFlightInserts {
    private static final Map<String, CompletableFuture<Void>> RUNNING = new ConcurrentHashMap<>();

    private InFlightInserts() {}

    static void start(String subtask, CompletableFuture<Void> insert) {
        RUNNING.put(subtask, insert);
    }

    /** Waits for the subtask's running insert, if any; its failure is rethrown. */
    static void await(String subtask) throws IOException, InterruptedException {
        CompletableFuture<Void> insert = RUNNING.get(subtask);
        if (insert == null) return;
        try {
            insert.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            throw new IOException("a ClickHouse insert failed: " + cause.getMessage(), cause);
        } finally {
            RUNNING.remove(subtask, insert);
        }
    }
}
