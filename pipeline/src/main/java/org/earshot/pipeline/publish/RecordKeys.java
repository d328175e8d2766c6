package org.earshot.pipeline.publish;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32;
import org.earshot.schemas.Publication;

/**
 * The record key of a publication's Bluesky post: a TID (the key type {@code app.bsky.feed.post} requires), made from
 * the publication rather than the clock, so every attempt for one publication names the same record. A TID is 64
 * bits, the top one zero, 53 of microseconds since the epoch and 10 of "clock id", written in base32-sortable as 13
 * characters; here the microseconds are when the publication was asked for and the clock id a hash of its id.
 */
public final class RecordKeys {
    private static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";

    private RecordKeys() {}

    public static String of(Publication p) {
        Instant at = p.createdAt == null ? Instant.EPOCH : p.createdAt;
        long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
        CRC32 crc = new CRC32();
        crc.update(p.id.getBytes(StandardCharsets.UTF_8));
        return tid(micros, (int) (crc.getValue() & 0x3FF));
    }

    static String tid(long micros, int clockId) {
        long value = ((micros & ((1L << 53) - 1)) << 10) | (clockId & 0x3FF);
        char[] out = new char[13];
        for (int i = 12; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value & 31));
            value >>>= 5;
        }
        return new String(out);
    }
}
