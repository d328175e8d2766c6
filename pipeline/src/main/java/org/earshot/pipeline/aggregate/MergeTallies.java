package org.earshot.pipeline.aggregate;

import java.io.Serializable;
import java.util.function.Supplier;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Merges the partial tallies of one window (as {@link SumByMinute} sends them) into one, so the window keeps one tally. */
final class MergeTallies<A extends Tally<?, A>> implements AggregateFunction<A, A, A> {
    /** Makes an empty tally. */
    interface Empty<A> extends Supplier<A>, Serializable {}

    private final Empty<A> empty;

    MergeTallies(Empty<A> empty) {
        this.empty = empty;
    }

    @Override
    public A createAccumulator() {
        return empty.get();
    }

    @Override
    public A add(A partial, A tally) {
        tally.addAll(partial);
        return tally;
    }

    @Override
    public A getResult(A tally) {
        return tally;
    }

    @Override
    public A merge(A a, A b) {
        a.addAll(b);
        return a;
    }
}
