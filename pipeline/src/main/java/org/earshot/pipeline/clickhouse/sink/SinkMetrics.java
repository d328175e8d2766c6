package org.earshot.pipeline.clickhouse.sink;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * The sink's counters, under {@code clickhouse.<table>}: written, retried, dead-lettered, fatal.
 * Thread-safe: the committer's insert lanes count side by side.
 */
record SinkMetrics(Counter rowsWritten, Counter batchesWritten, Counter retries, Counter rowsDeadLettered, Counter fatalErrors) {
    static SinkMetrics register(MetricGroup metrics, String table) {
        MetricGroup group = metrics.addGroup("clickhouse", table);
        return new SinkMetrics(counter(group, "rowsWritten"), counter(group, "batchesWritten"), counter(group, "retries"),
                counter(group, "rowsDeadLettered"), counter(group, "fatalErrors"));
    }

    private static Counter counter(MetricGroup group, String name) {
        return group.counter(name, new ThreadSafeSimpleCounter());
    }
}
