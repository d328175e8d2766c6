package org.earshot.pipeline.clickhouse.sink;

import java.util.Map;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.InitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes records to one ClickHouse table exactly once. Rows are batched by size and at every
 * checkpoint and inserted after the checkpoint completes, each batch with an {@code
 * insert_deduplication_token}; see the package documentation.
 *
 * <p>The tables need a deduplication window ({@code non_replicated_deduplication_window} on a
 * single server; Replicated tables have one by default), as every Earshot migration sets.
 */
public final class ClickHouseSink<T> implements Sink<T>, SupportsCommitter<InsertBatch> {
    private static final long serialVersionUID = 1L;

    /**
     * ClickHouse settings every insert carries besides its token.
     * <ul>
     *   <li>Tables fed through a materialized view (rule_minute_input → rule_minute) deduplicate
     *       in the view's target; ClickHouse 23.8 only does that when asked.
     *   <li>No merge of a batch with itself on insert: Earshot's batches hold one row per key
     *       (mentions are deduplicated upstream, aggregates are one row per key and window), so
     *       it finds nothing to merge, yet it took a third of each insert into {@code mentions}.
     *       Background merges still do it, as they do for rows of different batches.
     *   <li>No limit on the partitions one insert touches: {@code mentions} is partitioned by
     *       month, and a batch of an archive replayed, or of posts whose dates span years, touches
     *       more than the default 100; refused, it would be retried and fail the job for ever.
     * </ul>
     */
    public static final Map<String, String> INSERT_SETTINGS = Map.of(
            "deduplicate_blocks_in_dependent_materialized_views", "1",
            "optimize_on_insert", "0",
            "max_partitions_per_insert_block", "0");

    private final String name;
    private final ClickHouseTable<T> table;
    private final ClickHouseSinkOptions options;
    private final DeadLetterChannel deadLetters;

    /**
     * @param name identifies this sink in tokens: stable across restarts, unique per table writer
     */
    public ClickHouseSink(String name, ClickHouseTable<T> table, ClickHouseSinkOptions options, DeadLetterChannel deadLetters) {
        this.name = name;
        this.table = table;
        this.options = options;
        this.deadLetters = deadLetters;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        String prefix = subtask(context);
        long firstCheckpoint = context.getRestoredCheckpointId().orElse(0L) + 1;
        SinkMetrics metrics = SinkMetrics.register(context.metricGroup(), table.name());
        return new BatchWriter<>(table, options.batchRows(), prefix, firstCheckpoint,
                new RejectedRows(table, deadLetters, metrics.rowsDeadLettered()));
    }

    @Override
    public BatchCommitter createCommitter(CommitterInitContext context) {
        SinkMetrics metrics = SinkMetrics.register(context.metricGroup(), table.name());
        return new BatchCommitter(subtask(context), table, options, new RejectedRows(table, deadLetters, metrics.rowsDeadLettered()), metrics);
    }

    /** {@code sink/job/subtask}: the start of every token, and how writer and committer of one subtask find each other. */
    private String subtask(InitContext context) {
        return String.join("/", name, context.getJobInfo().getJobId().toHexString(),
                String.valueOf(context.getTaskInfo().getIndexOfThisSubtask()));
    }

    @Override
    public SimpleVersionedSerializer<InsertBatch> getCommittableSerializer() {
        return new InsertBatchSerializer();
    }
}
