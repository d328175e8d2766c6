package org.earshot.pipeline.dedup;

import java.time.Duration;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.earshot.schemas.Mention;

/**
 * Lets the first mention of each key through and drops the rest for {@code ttl} after the key was
 * last seen. Keyed by a {@link DedupKey}.
 */
public final class DeduplicateFunction extends KeyedProcessFunction<Long, Mention, Mention> {
    /** Accumulator name, summed over both dedup stages, read by the demo's live view. */
    public static final String DUPLICATES = "duplicates-dropped";

    private final Duration ttl;
    private transient ValueState<Boolean> seen;
    private transient LongCounter duplicates;
    private transient Counter duplicatesMetric;

    public DeduplicateFunction(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        // Remembered from the first sighting; each state access sweeps one more entry for expiry,
        // which keeps memory bounded without walking the whole table on the hot path.
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupIncrementally(1, false)
                .build());
        seen = getRuntimeContext().getState(descriptor);
        duplicates = new LongCounter();
        getRuntimeContext().addAccumulator(DUPLICATES, duplicates);
        duplicatesMetric = getRuntimeContext().getMetricGroup().counter("duplicatesDropped");
    }

    @Override
    public void processElement(Mention mention, Context ctx, Collector<Mention> out) throws Exception {
        if (seen.value() != null) {
            duplicates.add(1);
            duplicatesMetric.inc();
            return;
        }
        seen.update(Boolean.TRUE);
        out.collect(mention);
    }
}
