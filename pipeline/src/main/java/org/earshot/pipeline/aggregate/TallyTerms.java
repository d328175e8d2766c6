package org.earshot.pipeline.aggregate;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts a rule's terms and hashtags as they arrive. */
public final class TallyTerms implements AggregateFunction<RuleTerms, TermTally, TermTally> {
    @Override
    public TermTally createAccumulator() {
        return new TermTally();
    }

    @Override
    public TermTally add(RuleTerms rt, TermTally tally) {
        tally.add(rt);
        return tally;
    }

    @Override
    public TermTally getResult(TermTally tally) {
        return tally;
    }

    @Override
    public TermTally merge(TermTally a, TermTally b) {
        a.addAll(b);
        return a;
    }
}
