package org.earshot.pipeline.clickhouse.sink;

import java.time.Instant;
import java.util.List;

/**
 * The ClickHouse column types Earshot writes, the Java values they take, and how each is written
 * in RowBinary. A value is never null; absent values are the column's default (empty string, 0,
 * epoch, empty array). LowCardinality(String) travels as String. A value the column cannot hold
 * is refused with an IllegalArgumentException saying why, before anything of it is written.
 */
public enum ColumnType {
    /** {@code String}: a {@link String}. */
    STRING("String") {
        @Override
        void write(Object value, RowBinaryBuffer out) {
            out.writeString((String) value);
        }
    },
    /** {@code UInt64}: a {@link Long} that must not be negative. */
    UINT64("UInt64") {
        @Override
        void write(Object value, RowBinaryBuffer out) {
            long n = (Long) value;
            // Checked here, where the column is known: ClickHouse would read it as a huge number.
            if (n < 0) throw new IllegalArgumentException(n + " is negative and UInt64 holds 0 to 18446744073709551615");
            out.writeInt64(n);
        }
    },
    /** {@code Float32}: a {@link Double}, narrowed. */
    FLOAT32("Float32") {
        @Override
        void write(Object value, RowBinaryBuffer out) {
            out.writeInt32(Float.floatToIntBits(((Double) value).floatValue()));
        }
    },
    /** {@code DateTime64(3, 'UTC')}: an {@link Instant}, kept to the millisecond. */
    TIMESTAMP("DateTime64(3, 'UTC')") {
        @Override
        void write(Object value, RowBinaryBuffer out) {
            out.writeInt64(((Instant) value).toEpochMilli());
        }
    },
    /** {@code DateTime('UTC')}: an {@link Instant}, kept to the second. */
    DATETIME("DateTime('UTC')") {
        @Override
        void write(Object value, RowBinaryBuffer out) {
            long seconds = ((Instant) value).getEpochSecond();
            if (seconds < 0 || seconds > 0xFFFFFFFFL) {
                throw new IllegalArgumentException(value + " is outside DateTime's range, 1970-01-01 to 2106-02-07");
            }
            out.writeInt32((int) seconds);
        }
    },
    /** {@code Array(String)}: a {@link List} of strings. */
    STRING_ARRAY("Array(String)") {
        @Override
        void write(Object value, RowBinaryBuffer out) {
            List<?> strings = (List<?>) value;
            out.writeLength(strings.size());
            for (Object s : strings) out.writeString((String) s);
        }
    };

    private final String clickHouseType;

    ColumnType(String clickHouseType) {
        this.clickHouseType = clickHouseType;
    }

    /** The type as ClickHouse writes it, e.g. {@code DateTime64(3, 'UTC')}. */
    public String clickHouseType() {
        return clickHouseType;
    }

    /** Appends {@code value} to {@code out} in RowBinary; an IllegalArgumentException names a value the column cannot hold. */
    abstract void write(Object value, RowBinaryBuffer out);
}
