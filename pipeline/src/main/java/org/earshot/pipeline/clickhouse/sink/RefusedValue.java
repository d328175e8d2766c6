package org.earshot.pipeline.clickhouse.sink;

/** A value a column cannot hold, found while encoding a row: the row is dead-lettered, the batch goes on. */
final class RefusedValue extends Exception {
    private final String column;

    RefusedValue(String column, String message, Throwable cause) {
        super(message, cause);
        this.column = column;
    }

    String column() {
        return column;
    }
}
