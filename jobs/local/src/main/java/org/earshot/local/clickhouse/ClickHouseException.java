package org.earshot.local.clickhouse;

/** A ClickHouse error with ClickHouse's code (60 unknown table, 62 syntax error, …). */
public final class ClickHouseException extends RuntimeException {
    private final int code;

    public ClickHouseException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
