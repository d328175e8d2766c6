package org.earshot.pipeline.clickhouse.sink;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;

/**
 * Rows cut by a writer, already encoded as ClickHouse RowBinary, carried in the checkpoint to the
 * committer with the token that makes inserting them idempotent: {@code
 * sink/job/subtask/checkpoint/sequence}. {@code offsets} are where each row starts. A batch never
 * changes once cut.
 *
 * <p>Checkpoints carry the rows LZ4-compressed (a few times smaller). A writer has them
 * compressed in the background as soon as it cuts the batch ({@link #compressOn}): compressing
 * every batch of a checkpoint while the checkpoint waits took the task thread half its time and
 * kept ClickHouse idle meanwhile (`earshot bench clickhouse`).
 */
public final class InsertBatch {
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

    private final String token;
    private final int[] offsets;
    private final byte[] rows;
    /** The rows compressed: started by {@link #compressOn}, made on demand, or restored. */
    private CompletableFuture<byte[]> compressed;

    InsertBatch(String token, int[] offsets, byte[] rows) {
        this.token = token;
        this.offsets = offsets;
        this.rows = rows;
    }

    /** A batch from a checkpoint: its rows decompressed, the compressed ones kept for the next checkpoint. */
    static InsertBatch restored(String token, int[] offsets, int rowsLength, byte[] compressedRows) throws IOException {
        byte[] rows = new byte[rowsLength];
        try {
            LZ4.safeDecompressor().decompress(compressedRows, 0, compressedRows.length, rows, 0, rowsLength);
        } catch (LZ4Exception e) {
            throw new IOException("a ClickHouse batch in the checkpoint is corrupt: " + e.getMessage(), e);
        }
        InsertBatch batch = new InsertBatch(token, offsets, rows);
        batch.compressed = CompletableFuture.completedFuture(compressedRows);
        return batch;
    }

    public String token() {
        return token;
    }

    public int[] offsets() {
        return offsets;
    }

    public byte[] rows() {
        return rows;
    }

    public int size() {
        return offsets.length;
    }

    /** Starts compressing the rows on {@code executor}, so that a checkpoint finds them ready. */
    synchronized void compressOn(Executor executor) {
        if (compressed != null) return;
        try {
            compressed = CompletableFuture.supplyAsync(this::compress, executor);
        } catch (RejectedExecutionException e) {
            // The writer is closing; a checkpoint that still wants the rows compresses them itself.
        }
    }

    /** The rows LZ4-compressed, waiting for a compression already started. */
    byte[] compressedRows() {
        CompletableFuture<byte[]> made;
        synchronized (this) {
            if (compressed == null) compressed = CompletableFuture.completedFuture(compress());
            made = compressed;
        }
        return made.join();
    }

    private byte[] compress() {
        LZ4Compressor compressor = LZ4.fastCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(rows.length)];
        int length = compressor.compress(rows, 0, rows.length, out, 0, out.length);
        return Arrays.copyOf(out, length);
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

    @Override
    public String toString() {
        return "InsertBatch[" + token + ", " + size() + " rows, " + rows.length + " bytes]";
    }
}
