package org.earshot.pipeline.aggregate;

import java.time.Instant;
import java.util.ArrayList;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Writes what a minute gained since its last firing. The first firing (at the watermark) writes
 * the whole tally; each late mention within the allowed lateness fires the window again, and only
 * the difference is written, so ClickHouse's sums stay exact. Authors go whole every time: a set
 * merged twice is the same set.
 */
public final class EmitMinuteDeltas extends ProcessWindowFunction<MinuteTally, RuleMinute, String, TimeWindow> {
    /** Mentions, reach and the emotion counts already written for this window (state written before emotions were counted has two). */
    private static final ValueStateDescriptor<long[]> WRITTEN = new ValueStateDescriptor<>("written", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    @Override
    public void process(String cell, Context ctx, Iterable<MinuteTally> tallies, Collector<RuleMinute> out) throws Exception {
        MinuteTally tally = tallies.iterator().next();
        ValueState<long[]> written = ctx.windowState().getState(WRITTEN);
        long[] before = written.value() == null ? new long[2] : written.value();
        if (tally.mentions == before[0]) return;
        RuleMinute row = new RuleMinute();
        row.ruleId = tally.ruleId;
        row.minute = Instant.ofEpochMilli(ctx.window().getStart());
        row.network = tally.network;
        row.lang = tally.lang;
        row.sentiment = tally.sentiment;
        row.mentions = tally.mentions - before[0];
        row.reach = tally.reach - before[1];
        long[] now = new long[2 + Emotions.LABELS.length];
        now[0] = tally.mentions;
        now[1] = tally.reach;
        for (int i = 0; i < Emotions.LABELS.length; i++) {
            now[2 + i] = Emotions.at(tally.emotions, i);
            row.emotions[i] = now[2 + i] - (before.length > 2 + i ? before[2 + i] : 0);
        }
        row.authors = new ArrayList<>(tally.authors);
        written.update(now);
        out.collect(row);
    }

    @Override
    public void clear(Context ctx) {
        ctx.windowState().getState(WRITTEN).clear();
    }
}
