package org.earshot.pipeline.aggregate;

import java.io.Serializable;
import java.util.function.Supplier;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts a window's records into one {@link Tally} as they arrive, so the window keeps a tally rather than every record. */
final class TallyFunction<T, A extends Tally<T, A>> implements AggregateFunction<T, A, A> {
    /** Makes an empty tally. */
    interface Empty<A> extends Supplier<A>, Serializable {}

    private final Empty<A> empty;

    TallyFunction(Empty<A> empty) {
        this.empty = empty;
    }

    @Override
    public A createAccumulator() {
        return empty.get();
    }

    @Override
    public A add(T record, A tally) {
        tally.add(record);
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
