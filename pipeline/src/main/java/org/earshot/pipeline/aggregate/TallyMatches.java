package org.earshot.pipeline.aggregate;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts a cell's matches as they arrive, so a window keeps one tally rather than every match. */
public final class TallyMatches implements AggregateFunction<RuleMatch, MinuteTally, MinuteTally> {
    @Override
    public MinuteTally createAccumulator() {
        return new MinuteTally();
    }

    @Override
    public MinuteTally add(RuleMatch match, MinuteTally tally) {
        tally.add(match);
        return tally;
    }

    @Override
    public MinuteTally getResult(MinuteTally tally) {
        return tally;
    }

    @Override
    public MinuteTally merge(MinuteTally a, MinuteTally b) {
        a.addAll(b);
        return a;
    }
}
