package org.earshot.pipeline.clickhouse.sink;

import java.util.List;

/**
 * Rows cut by a writer, carried in the checkpoint to the committer, with the token that makes
 * inserting them idempotent: {@code sink/job/subtask/checkpoint/sequence}.
 */
public record InsertBatch(String token, List<Object[]> rows) {
    /** The two halves of this batch, each with a token derived from this one. */
    List<InsertBatch> halves() {
        int mid = rows.size() / 2;
        return List.of(new InsertBatch(token + ".0", rows.subList(0, mid)), new InsertBatch(token + ".1", rows.subList(mid, rows.size())));
    }
}
