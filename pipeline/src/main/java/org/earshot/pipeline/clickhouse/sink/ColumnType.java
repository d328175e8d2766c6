package org.earshot.pipeline.clickhouse.sink;

import java.util.List;

/**
 * The ClickHouse column types Earshot writes, and the Java values the driver's RowBinary writer
 * takes for them. A value is never null; absent values are the column's default (empty string,
 * 0, epoch, empty array). LowCardinality(String) travels as String.
 */
public enum ColumnType {
    /** {@code String}: a {@link String}. */
    STRING("String"),
    /** {@code UInt64}: a {@link Long} that must not be negative. */
    UINT64("UInt64") {
        @Override
        Object encode(Object value) {
            long n = (Long) value;
            // Checked here, where the column is known: the driver would refuse it without saying which.
            if (n < 0) throw new IllegalArgumentException(n + " is negative and UInt64 holds 0 to 18446744073709551615");
            return n;
        }
    },
    /** {@code Float32}: a {@link Double}, narrowed. */
    FLOAT32("Float32") {
        @Override
        Object encode(Object value) {
            return ((Double) value).floatValue();
        }
    },
    /** {@code DateTime64(3, 'UTC')}: an {@link java.time.Instant}, kept to the millisecond. */
    TIMESTAMP("DateTime64(3, 'UTC')"),
    /** {@code DateTime('UTC')}: an {@link java.time.Instant}, kept to the second. */
    DATETIME("DateTime('UTC')"),
    /** {@code Array(String)}: a {@link List} of strings. */
    STRING_ARRAY("Array(String)");

    private final String clickHouseType;

    ColumnType(String clickHouseType) {
        this.clickHouseType = clickHouseType;
    }

    /** The type as ClickHouse writes it, e.g. {@code DateTime64(3, 'UTC')}. */
    public String clickHouseType() {
        return clickHouseType;
    }

    /** The value as the RowBinary writer takes it; an IllegalArgumentException names a value the column cannot hold. */
    Object encode(Object value) {
        return value;
    }
}
