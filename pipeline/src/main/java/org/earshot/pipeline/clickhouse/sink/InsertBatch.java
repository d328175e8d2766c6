package org.earshot.pipeline.clickhouse.sink;

import java.util.Arrays;
import java.util.List;

/**
 * Rows cut by a writer, already encoded as ClickHouse RowBinary, carried in the checkpoint to the
 * committer with the token that makes inserting them idempotent: {@code
 * sink/job/subtask/checkpoint/sequence}. {@code offsets} are where each row starts.
 */
public record InsertBatch(String token, int[] offsets, byte[] rows) {
    public int size() {
        return offsets.length;
    }

    /** The two halves of this batch, each with a token derived from this one. */
    List<InsertBatch> halves() {
        int mid = size() / 2;
        return List.of(slice(token + ".0", 0, mid), slice(token + ".1", mid, size()));
    }

    /** Row {@code i}'s bytes. */
    byte[] row(int i) {
        return Arrays.copyOfRange(rows, offsets[i], i + 1 < size() ? offsets[i + 1] : rows.length);
    }

    private InsertBatch slice(String sliceToken, int from, int to) {
        int start = offsets[from];
        int end = to < size() ? offsets[to] : rows.length;
        int[] sliced = new int[to - from];
        for (int i = from; i < to; i++) sliced[i - from] = offsets[i] - start;
        return new InsertBatch(sliceToken, sliced, Arrays.copyOfRange(rows, start, end));
    }
}
