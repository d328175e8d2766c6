package org.earshot.pipeline.clickhouse.sink;

import com.clickhouse.client.api.metadata.TableSchema;
import java.io.Serializable;
import java.util.List;

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
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException("not a table name: " + name);
        columns = List.copyOf(columns);
    }

    /** The same columns and rows into another table (a copy for benchmarks or backfills). */
    public ClickHouseTable<T> named(String other) {
        return new ClickHouseTable<>(other, columns, rows);
    }

    List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The columns as the driver's RowBinary reader describes them (dead letters are decoded with it). */
    TableSchema schema() {
        return new TableSchema(columns.stream().map(Column::toClickHouse).toList());
    }
}
