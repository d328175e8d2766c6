package org.earshot.pipeline.clickhouse.sink;

import com.clickhouse.data.ClickHouseColumn;
import java.io.Serializable;

/** One column the sink writes: its ClickHouse name and type. */
public record Column(String name, ColumnType type) implements Serializable {
    public static Column of(String name, ColumnType type) {
        return new Column(name, type);
    }

    ClickHouseColumn toClickHouse() {
        return ClickHouseColumn.of(name, type.clickHouseType());
    }
}
