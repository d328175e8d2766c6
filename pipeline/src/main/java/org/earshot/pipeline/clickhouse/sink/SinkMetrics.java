package org.earshot.pipeline.clickhouse.sink;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** The sink's counters, under {@code clickhouse.<table>}: written, retried, dead-lettered, fatal. */
record SinkMetrics(Counter rowsWritten, Counter batchesWritten, Counter retries, Counter rowsDeadLettered, Counter fatalErrors) {
    static SinkMetrics register(MetricGroup metrics, String table) {
        MetricGroup group = metrics.addGroup("clickhouse", table);
        return new SinkMetrics(group.counter("rowsWritten"), group.counter("batchesWritten"), group.counter("retries"),
                group.counter("rowsDeadLettered"), group.counter("fatalErrors"));
    }
}
