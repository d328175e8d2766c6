package org.earshot.pipeline.aggregate;

import java.time.Instant;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** A partial tally too late for its window, written on its own: its timestamp is its minute's start ({@link SumByMinute}). */
final class LateMinutes extends ProcessFunction<MinuteTally, RuleMinute> {
    @Override
    public void processElement(MinuteTally tally, Context ctx, Collector<RuleMinute> out) {
        out.collect(RuleMinute.of(tally, Instant.ofEpochMilli(ctx.timestamp())));
    }
}
