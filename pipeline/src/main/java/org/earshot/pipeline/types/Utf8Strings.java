package org.earshot.pipeline.types;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Strings between operators as their UTF-8 bytes, written and read in one piece. Flink's {@code StringValue} writes
 * and reads a string a character at a time, one call per byte: most of what a mention costs to serialize (JFR). A
 * string with a lone surrogate, which UTF-8 cannot hold, goes as UTF-16 instead, so every string comes back as it
 * went.
 *
 * <p>A header, seven bits a byte with the high bit set on all but the last: 0 for null; otherwise one more than the
 * length shifted left once, its low bit set for UTF-16 (the length then counts characters, else bytes).
 */
final class Utf8Strings {
    private static final int HIGH_BIT = 0x80;

    private Utf8Strings() {}

    static void write(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.write(0);
            return;
        }
        if (hasLoneSurrogate(s)) {
            byte[] chars = new byte[2 * s.length()];
            for (int i = 0; i < s.length(); i++) {
                chars[2 * i] = (byte) (s.charAt(i) >>> 8);
                chars[2 * i + 1] = (byte) s.charAt(i);
            }
            writeHeader((s.length() << 1 | 1) + 1, out);
            out.write(chars);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeHeader((bytes.length << 1) + 1, out);
        out.write(bytes);
    }

    static String read(DataInputView in) throws IOException {
        int header = readHeader(in);
        if (header == 0) return null;
        int length = (header - 1) >>> 1;
        if (((header - 1) & 1) == 0) {
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[2 * length];
        in.readFully(bytes);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) chars[i] = (char) ((bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff);
        return new String(chars);
    }

    /** A surrogate that is not half of a pair (an emoji's two halves are UTF-8's four bytes). */
    private static boolean hasLoneSurrogate(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            else return true;
        }
        return false;
    }

    private static void writeHeader(int value, DataOutputView out) throws IOException {
        while (value >= HIGH_BIT) {
            out.write(value | HIGH_BIT);
            value >>>= 7;
        }
        out.write(value);
    }

    private static int readHeader(DataInputView in) throws IOException {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7f) << shift;
            if (b < HIGH_BIT) return value;
        }
    }
}
