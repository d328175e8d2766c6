package org.earshot.jobs.demo;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.local.demo.DemoMentions;
import org.earshot.pipeline.ingest.FeedRecordSerializer;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.KafkaTopics;
import org.earshot.schemas.Topics;

/** The demo's stand-in for the networks: generated mentions → {@code earshot.mentions}, exactly once. */
public final class DemoFeed {
    private DemoFeed() {}

    public static void attach(StreamExecutionEnvironment env, KafkaSettings kafka, DemoMentions mentions,
                              long count, double perSecond) {
        env.fromSource(mentions.source(count, perSecond), WatermarkStrategy.noWatermarks(), "demo mentions")
                .uid("demo-source")
                .sinkTo(KafkaTopics.sink(kafka, new FeedRecordSerializer(Topics.MENTIONS), "earshot-demo-feed"))
                .name(Topics.MENTIONS.name()).uid("demo-sink");
    }
}
