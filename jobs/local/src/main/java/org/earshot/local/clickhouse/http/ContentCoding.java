package org.earshot.local.clickhouse.http;

import com.clickhouse.client.api.internal.ClickHouseLZ4InputStream;
import com.clickhouse.client.api.internal.ClickHouseLZ4OutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jpountz.lz4.LZ4Factory;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.earshot.local.clickhouse.ClickHouseException;

/**
 * The compressions of ClickHouse's HTTP interface, both ways. Request bodies: {@code
 * Content-Encoding} ({@code gzip}, {@code deflate}, {@code zstd}, {@code lz4} (the LZ4 frame
 * format), {@code br}, {@code bz2}), and {@code decompress=1} for ClickHouse's own
 * compressed blocks; an encoding it does not know is refused, never read as plain text. Responses:
 * ClickHouse's blocks for {@code compress=1}, and with {@code enable_http_compression=1} the first
 * of the client's {@code Accept-Encoding} it can write. Apache Commons Compress does the formats.
 */
final class ContentCoding {
    /** HTTP content codings and their names in Commons Compress. */
    private static final Map<String, String> CODECS = Map.of(
            "gzip", CompressorStreamFactory.GZIP,
            "x-gzip", CompressorStreamFactory.GZIP,
            "deflate", CompressorStreamFactory.DEFLATE,
            "zstd", CompressorStreamFactory.ZSTANDARD,
            "lz4", CompressorStreamFactory.LZ4_FRAMED,
            "br", CompressorStreamFactory.BROTLI,
            "bz2", CompressorStreamFactory.BZIP2);
    /** What responses can be written in (Commons Compress has no Brotli writer). */
    private static final java.util.List<String> WRITABLE = java.util.List.of("zstd", "gzip", "deflate", "lz4", "bz2");
    private static final CompressorStreamFactory FACTORY = new CompressorStreamFactory(true);
    private static final int BLOCK = 1 << 20;

    private ContentCoding() {}

    /** The request body as sent before compression: {@code Content-Encoding} outside, {@code decompress=1} inside. */
    static InputStream decode(InputStream body, String contentEncoding, boolean clickHouseBlocks) {
        InputStream in = body;
        if (contentEncoding != null && !contentEncoding.isBlank()) {
            String[] codings = contentEncoding.split(",");
            // Listed in the order they were applied: undo the last first.
            for (int i = codings.length - 1; i >= 0; i--) {
                String coding = codings[i].strip().toLowerCase(Locale.ROOT);
                if (coding.equals("identity") || coding.isEmpty()) continue;
                String codec = CODECS.get(coding);
                if (codec == null) {
                    throw new ClickHouseException(36, "Unknown HTTP compression method '" + codings[i].strip()
                            + "' in Content-Encoding; the embedded ClickHouse reads gzip, deflate, zstd, lz4, br and bz2. (BAD_ARGUMENTS)");
                }
                try {
                    in = FACTORY.createCompressorInputStream(codec, in);
                } catch (CompressorException e) {
                    throw new ClickHouseException(36, "Cannot read a " + coding + " request body: " + e.getMessage() + " (BAD_ARGUMENTS)");
                }
            }
        }
        if (clickHouseBlocks) in = new ClickHouseLZ4InputStream(in, LZ4Factory.fastestInstance().fastDecompressor(), BLOCK);
        return in;
    }

    /** The coding a response goes out in for {@code enable_http_compression=1}: the client's first choice it can write. */
    static Optional<String> responseCoding(String acceptEncoding) {
        if (acceptEncoding == null) return Optional.empty();
        String best = null;
        double bestQ = 0;
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.strip().split(";");
            String coding = pieces[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q > bestQ && WRITABLE.contains(coding)) {
                best = coding;
                bestQ = q;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A stream that writes {@code out} in {@code coding} (one of {@link #responseCoding}'s answers). */
    static OutputStream encode(OutputStream out, String coding) throws IOException {
        try {
            return FACTORY.createCompressorOutputStream(CODECS.get(coding), out);
        } catch (CompressorException e) {
            throw new IOException("cannot write " + coding + ": " + e.getMessage(), e);
        }
    }

    /** ClickHouse's compressed blocks, as {@code compress=1} asks. */
    static OutputStream clickHouseBlocks(OutputStream out) {
        return new ClickHouseLZ4OutputStream(out, LZ4Factory.fastestInstance().fastCompressor(), BLOCK);
    }
}
