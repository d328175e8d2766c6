package org.earshot.pipeline.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A MiniCluster environment set as the jobs run. */
public final class TestFlink {
    private TestFlink() {}

    /** One slot, generic (Kryo) types off: every record crossing an operator needs a serializer of its own, as in the jobs. */
    public static StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return StreamExecutionEnvironment.createLocalEnvironment(1, conf);
    }
}
