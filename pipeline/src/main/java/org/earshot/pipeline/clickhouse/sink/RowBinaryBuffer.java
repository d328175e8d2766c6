package org.earshot.pipeline.clickhouse.sink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growing buffer of ClickHouse RowBinary values: little-endian numbers and LEB128-prefixed
 * strings, as the format's specification lays them out. Written by hand rather than with the
 * driver's {@code RowBinaryFormatWriter} because it is the sink's inner loop: the driver's writer
 * goes through a map of columns and boxes every value, four times the cost of these few writes
 * (`earshot bench clickhouse`). The driver's reader decodes what this writes, in the tests.
 */
final class RowBinaryBuffer {
    private byte[] bytes = new byte[1 << 20];
    private int size;

    int size() {
        return size;
    }

    /** Drops everything after {@code size}: a half-written row. */
    void truncate(int size) {
        this.size = size;
    }

    /** The bytes so far; the buffer starts empty again. */
    byte[] take() {
        byte[] out = Arrays.copyOf(bytes, size);
        size = 0;
        return out;
    }

    void writeString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeLength(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }

    /** An unsigned LEB128 length, as RowBinary prefixes strings and arrays. */
    void writeLength(int n) {
        ensure(5);
        long v = n & 0xFFFFFFFFL;
        while (v >= 0x80) {
            bytes[size++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
    }

    void writeInt32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) bytes[size++] = (byte) (v >>> (8 * i));
    }

    void writeInt64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) bytes[size++] = (byte) (v >>> (8 * i));
    }

    private void ensure(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
}
