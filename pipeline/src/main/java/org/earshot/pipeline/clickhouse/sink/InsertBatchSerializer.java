package org.earshot.pipeline.clickhouse.sink;

import java.io.IOException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Batches in checkpoints: the token, the row offsets and the encoded rows, LZ4-compressed.
 *
 * <p>A checkpoint holds every batch not yet inserted, and Flink copies each one several times on
 * its way to disk (its committer state's list serialization even asks for each batch's bytes
 * twice per level, three levels deep). Compressed, a batch of mention rows is a few times smaller,
 * and so is every copy, the checkpoint file and the garbage they leave. The bytes of the last
 * batch are kept and handed out again, so a batch is compressed once per checkpoint; a batch
 * never changes once cut, so they never go stale. Version 1 (uncompressed) is still read.
 */
final class InsertBatchSerializer implements SimpleVersionedSerializer<InsertBatch> {
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private Serialized last;

    private record Serialized(InsertBatch batch, byte[] bytes) {}

    @Override
    public int getVersion() {
        return 2;
    }

    @Override
    public byte[] serialize(InsertBatch batch) throws IOException {
        Serialized cached = last;
        if (cached != null && cached.batch() == batch) return cached.bytes();
        byte[] bytes = encode(batch);
        last = new Serialized(batch, bytes);
        return bytes;
    }

    private static byte[] encode(InsertBatch batch) throws IOException {
        LZ4Compressor compressor = LZ4.fastCompressor();
        byte[] rows = batch.rows();
        byte[] compressed = new byte[compressor.maxCompressedLength(rows.length)];
        int compressedLength = compressor.compress(rows, 0, rows.length, compressed, 0, compressed.length);
        DataOutputSerializer out = new DataOutputSerializer(64 + batch.token().length() * 3 + batch.size() * 4 + compressedLength);
        out.writeUTF(batch.token());
        out.writeInt(batch.size());
        for (int offset : batch.offsets()) out.writeInt(offset);
        out.writeInt(rows.length);
        out.writeInt(compressedLength);
        out.write(compressed, 0, compressedLength);
        return out.getCopyOfBuffer();
    }

    @Override
    public InsertBatch deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1 && version != 2) throw new IOException("unknown ClickHouse batch version " + version);
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        String token = in.readUTF();
        int[] offsets = new int[in.readInt()];
        for (int i = 0; i < offsets.length; i++) offsets[i] = in.readInt();
        byte[] rows = new byte[in.readInt()];
        if (version == 1) {
            in.readFully(rows);
        } else {
            byte[] compressed = new byte[in.readInt()];
            in.readFully(compressed);
            try {
                LZ4.safeDecompressor().decompress(compressed, 0, compressed.length, rows, 0, rows.length);
            } catch (LZ4Exception e) {
                throw new IOException("a ClickHouse batch in the checkpoint is corrupt: " + e.getMessage(), e);
            }
        }
        return new InsertBatch(token, offsets, rows);
    }
}
