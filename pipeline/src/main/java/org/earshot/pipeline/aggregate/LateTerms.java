package org.earshot.pipeline.aggregate;

import java.time.Instant;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** A partial tally of terms too late for its window, written on its own: its timestamp is its minute's start ({@link SumByMinute}). */
final class LateTerms extends ProcessFunction<TermTally, RuleTermCount> {
    @Override
    public void processElement(TermTally tally, Context ctx, Collector<RuleTermCount> out) {
        RuleTermCount.of(tally, Instant.ofEpochMilli(ctx.timestamp())).forEach(out::collect);
    }
}
