package org.earshot.pipeline.ingest;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Counts what the network sources hand on, for the live view; passes every record through. */
public final class CountIngested extends RichMapFunction<Ingested, Ingested> {
    /** Accumulator names. */
    public static final String FETCHED = "mentions-fetched";
    public static final String DELETIONS = "deletions-fetched";
    public static final String PROBLEMS = "payloads-refused";

    private transient LongCounter fetched;
    private transient LongCounter deletions;
    private transient LongCounter problems;

    @Override
    public void open(OpenContext context) {
        fetched = new LongCounter();
        deletions = new LongCounter();
        problems = new LongCounter();
        getRuntimeContext().addAccumulator(FETCHED, fetched);
        getRuntimeContext().addAccumulator(DELETIONS, deletions);
        getRuntimeContext().addAccumulator(PROBLEMS, problems);
    }

    @Override
    public Ingested map(Ingested record) {
        switch (record.kind) {
            case MENTION -> fetched.add(1);
            case DELETION -> deletions.add(1);
            case PROBLEM -> problems.add(1);
        }
        return record;
    }
}
