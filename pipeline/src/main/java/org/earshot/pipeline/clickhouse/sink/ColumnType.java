package org.earshot.pipeline.clickhouse.sink;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The Java side of the ClickHouse column types Earshot writes: how a value is bound to the
 * driver and how it is kept in a checkpoint. A value is never null; absent values are the
 * column's default (empty string, 0, epoch, empty array).
 */
public enum ColumnType {
    /** {@code String} and {@code LowCardinality(String)}: a {@link String}. */
    STRING {
        @Override
        void bind(Connection c, PreparedStatement p, int index, Object value) throws SQLException {
            p.setString(index, (String) value);
        }

        @Override
        void write(Object value, DataOutputView out) throws IOException {
            writeString((String) value, out);
        }

        @Override
        Object read(DataInputView in) throws IOException {
            return readString(in);
        }
    },
    /** {@code UInt64}: a {@link Long} that must not be negative. */
    UINT64 {
        @Override
        void bind(Connection c, PreparedStatement p, int index, Object value) throws SQLException {
            long n = (Long) value;
            // Checked here, where the column is known: the driver refuses it later without saying which.
            if (n < 0) throw new IllegalArgumentException(n + " is negative and UInt64 holds 0 to 18446744073709551615");
            p.setLong(index, n);
        }

        @Override
        void write(Object value, DataOutputView out) throws IOException {
            out.writeLong((Long) value);
        }

        @Override
        Object read(DataInputView in) throws IOException {
            return in.readLong();
        }
    },
    /** {@code Float32}: a {@link Double}, bound as a float (the driver's writer casts to the column's type). */
    FLOAT32 {
        @Override
        void bind(Connection c, PreparedStatement p, int index, Object value) throws SQLException {
            p.setFloat(index, ((Double) value).floatValue());
        }

        @Override
        void write(Object value, DataOutputView out) throws IOException {
            out.writeDouble((Double) value);
        }

        @Override
        Object read(DataInputView in) throws IOException {
            return in.readDouble();
        }
    },
    /** {@code DateTime64(3, 'UTC')}: an {@link Instant}, kept to the millisecond. */
    TIMESTAMP {
        @Override
        void bind(Connection c, PreparedStatement p, int index, Object value) throws SQLException {
            p.setTimestamp(index, Timestamp.from((Instant) value));
        }

        @Override
        void write(Object value, DataOutputView out) throws IOException {
            out.writeLong(((Instant) value).toEpochMilli());
        }

        @Override
        Object read(DataInputView in) throws IOException {
            return Instant.ofEpochMilli(in.readLong());
        }
    },
    /** {@code Array(String)}: a {@link List} of strings. */
    STRING_ARRAY {
        @Override
        void bind(Connection c, PreparedStatement p, int index, Object value) throws SQLException {
            p.setArray(index, c.createArrayOf("String", ((List<?>) value).toArray()));
        }

        @Override
        void write(Object value, DataOutputView out) throws IOException {
            List<?> list = (List<?>) value;
            out.writeInt(list.size());
            for (Object s : list) writeString((String) s, out);
        }

        @Override
        Object read(DataInputView in) throws IOException {
            int n = in.readInt();
            List<String> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) list.add(readString(in));
            return list;
        }
    };

    abstract void bind(Connection c, PreparedStatement p, int index, Object value) throws SQLException;

    abstract void write(Object value, DataOutputView out) throws IOException;

    abstract Object read(DataInputView in) throws IOException;

    /** Strings as length-prefixed UTF-8: writeUTF stops at 64 KB, and texts are longer. */
    private static void writeString(String s, DataOutputView out) throws IOException {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputView in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
