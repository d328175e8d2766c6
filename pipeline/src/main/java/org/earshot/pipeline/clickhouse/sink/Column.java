package org.earshot.pipeline.clickhouse.sink;

import java.io.Serializable;

/** One column the sink writes: its ClickHouse name and how its values are bound and kept. */
public record Column(String name, ColumnType type) implements Serializable {
    public static Column of(String name, ColumnType type) {
        return new Column(name, type);
    }
}
