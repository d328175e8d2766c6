package org.earshot.jobs;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.pipeline.clickhouse.MentionRows;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSink;
import org.earshot.pipeline.dedup.DedupKey;
import org.earshot.pipeline.dedup.DeduplicateFunction;
import org.earshot.pipeline.ingest.ParseMentionsFunction;
import org.earshot.pipeline.kafka.KafkaDeadLetters;
import org.earshot.pipeline.kafka.KafkaTopics;
import org.earshot.pipeline.kafka.RawRecord;
import org.earshot.pipeline.text.NormalizeFunction;
import org.earshot.pipeline.types.MentionTypes;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;

/**
 * Listens: {@code earshot.mentions} → parse and validate → deduplicate by id → normalize →
 * deduplicate by canonical URL → {@code earshot.mentions.enriched} and the ClickHouse table
 * {@code mentions} (exactly once); anything malformed → {@code earshot.deadletters}.
 *
 * <p>Run on a cluster with {@code flink run earshot-jobs-…-flink.jar --kafka.bootstrap-servers HOST:9092
 * --clickhouse.url jdbc:clickhouse:http://HOST:8123/default} (pending migrations are applied first);
 * locally with {@code earshot run listen}.
 */
public final class ListenJob {
    public static final String NAME = "earshot-listen";

    private ListenJob() {}

    public static void main(String[] args) throws Exception {
        EarshotConfig config = EarshotConfig.fromArgs(args);
        ListenOptions options = ListenOptions.from(config, config.kafka().orElseThrow(() ->
                new IllegalArgumentException("set --" + EarshotConfig.KAFKA_BOOTSTRAP_SERVERS + " to the Kafka cluster")));
        if (options.clickhouse() != null) Migrations.apply(options.clickhouse());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getConfig().enableObjectReuse(); // no operator keeps a record after emitting it
        env.enableCheckpointing(options.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        attach(env, options);
        env.execute(NAME);
    }

    /** The job's sources and sinks around {@link #build}: what {@code main} and local runs execute. */
    public static void attach(StreamExecutionEnvironment env, ListenOptions options) {
        DataStream<RawRecord> raw = env
                .fromSource(KafkaTopics.rawSource(options.kafka(), Topics.MENTIONS, options.groupId()),
                        WatermarkStrategy.noWatermarks(), Topics.MENTIONS.name())
                .uid("mentions-source");
        Streams streams = build(raw, options);
        streams.enriched()
                .sinkTo(KafkaTopics.sink(options.kafka(), Topics.MENTIONS_ENRICHED, "earshot-listen-enriched"))
                .name(Topics.MENTIONS_ENRICHED.name()).uid("enriched-sink");
        if (options.clickhouse() != null) {
            streams.enriched()
                    .sinkTo(new ClickHouseSink<>("listen-mentions", MentionRows.TABLE, options.clickhouse(), new KafkaDeadLetters(options.kafka())))
                    .name("clickhouse " + MentionRows.TABLE.name()).uid("mentions-clickhouse-sink");
        }
        streams.deadLetters()
                .sinkTo(KafkaTopics.sink(options.kafka(), Topics.DEAD_LETTERS, "earshot-listen-deadletters"))
                .name(Topics.DEAD_LETTERS.name()).uid("deadletters-sink");
    }

    /** The Listen topology between its source and its sinks. */
    public static Streams build(DataStream<RawRecord> raw, ListenOptions options) {
        SingleOutputStreamOperator<Mention> parsed = raw
                .process(new ParseMentionsFunction()).returns(MentionTypes.MENTION).name("parse and validate").uid("parse");
        // Exact repeats are dropped before any work is spent on them; the URL check needs the
        // canonical URL that normalization computes.
        DataStream<Mention> enriched = parsed
                .assignTimestampsAndWatermarks(eventTime(options.outOfOrderness())).name("event time").uid("event-time")
                .keyBy(DedupKey.ID)
                .process(new DeduplicateFunction(options.dedupTtl())).returns(MentionTypes.MENTION).name("dedup by id").uid("dedup-id")
                .map(new NormalizeFunction(options.maxTextChars())).returns(MentionTypes.MENTION).name("normalize").uid("normalize")
                .keyBy(DedupKey.CANONICAL_URL)
                .process(new DeduplicateFunction(options.dedupTtl())).returns(MentionTypes.MENTION).name("dedup by url").uid("dedup-url");
        return new Streams(enriched, parsed.getSideOutput(ParseMentionsFunction.DEAD_LETTERS));
    }

    /** Event time is when the mention was published; sources may run a little out of order. */
    static WatermarkStrategy<Mention> eventTime(Duration outOfOrderness) {
        return WatermarkStrategy.<Mention>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((mention, kafkaTimestamp) -> mention.eventTimeMillis(kafkaTimestamp))
                .withIdleness(Duration.ofMinutes(1));
    }

    /** The job's two outputs. */
    public record Streams(DataStream<Mention> enriched, DataStream<DeadLetter> deadLetters) {}
}
