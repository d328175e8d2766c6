package org.earshot.pipeline.kafka;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Holds each deletion back for {@code delay} of processing time (keyed by mention id, the wait in checkpointed
 * state), so that a post deleted at once is written to {@code earshot.mentions.enriched} after the post itself,
 * which takes the longer way through deduplication, the models and the matcher. The delay should be a few
 * checkpoint intervals.
 */
public final class DelayedTombstones extends KeyedProcessFunction<String, String, String> {
    private final Duration delay;
    private transient ValueState<Boolean> waiting;

    public DelayedTombstones(Duration delay) {
        this.delay = delay;
    }

    @Override
    public void open(OpenContext context) {
        waiting = getRuntimeContext().getState(new ValueStateDescriptor<>("waiting", Types.BOOLEAN));
    }

    @Override
    public void processElement(String mentionId, Context ctx, Collector<String> out) throws Exception {
        if (waiting.value() != null) return; // deleted twice: one tombstone
        waiting.update(Boolean.TRUE);
        ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + delay.toMillis());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
        waiting.clear();
        out.collect(ctx.getCurrentKey());
    }
}
