package org.earshot.pipeline.clickhouse.sink;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table the sink writes records of type {@code T} to: its name, the columns written (others
 * take their defaults), and how a record becomes a row of values in column order.
 */
public record ClickHouseTable<T>(String name, List<Column> columns, RowMapper<T> rows) implements Serializable {
    /** A record as one row of column values, never null. */
    @FunctionalInterface
    public interface RowMapper<T> extends Serializable {
        Object[] row(T record);
    }

    public ClickHouseTable {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) throw new IllegalArgumentException("not a table name: " + name);
        columns = List.copyOf(columns);
    }

    /** The parameterized insert the driver turns into a batch. */
    String insertSql() {
        return "INSERT INTO " + name + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }
}
