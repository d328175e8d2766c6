package org.earshot.jobs;

import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.settings.KafkaKeys;
import org.earshot.jobs.settings.ReplayKeys;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.schemas.FeedRecord;
import org.earshot.pipeline.ingest.FeedRecordSerializer;
import org.earshot.pipeline.ingest.ReplayFormat;
import org.earshot.pipeline.ingest.ReplayLineFunction;
import org.earshot.pipeline.ingest.ReplaySource;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.KafkaTopics;
import org.earshot.schemas.Topics;

/**
 * Replays files of mentions into {@code earshot.mentions} on a cluster: lines (JSON or plain
 * text) from any file system Flink reads, at a chosen rate, exactly once, resuming from its
 * checkpointed file position. For one file on this machine, {@code earshot replay} does the same
 * with a progress bar.
 *
 * <pre>flink run -c org.earshot.jobs.ReplayJob earshot-jobs-flink.jar --kafka.bootstrap-servers B:9092 \
 *     --replay.file s3://archive/mentions/ --replay.format jsonl --replay.rate 2000</pre>
 */
public final class ReplayJob {
    public static final String NAME = "earshot-replay";

    private ReplayJob() {}

    public static void main(String[] args) throws Exception {
        EarshotConfig config = EarshotConfig.fromArgs(args);
        KafkaSettings kafka = config.kafka().orElseThrow(() ->
                new IllegalArgumentException("set --" + KafkaKeys.BOOTSTRAP_SERVERS.key() + " to the Kafka cluster"));
        String file = config.require(ReplayKeys.FILE, "to a file or folder");
        ReplayFormat format = config.find(ReplayKeys.FORMAT).orElse(ReplayFormat.guess(file));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobState.onCluster(config));
        env.enableCheckpointing(config.get(ReplayKeys.CHECKPOINT_INTERVAL).toMillis(),
                CheckpointingMode.EXACTLY_ONCE);
        DataStream<String> lines = env.fromSource(ReplaySource.lines(file, config.get(ReplayKeys.RATE)),
                WatermarkStrategy.noWatermarks(), "replay " + file).uid("replay-source");
        build(lines, format, file)
                .sinkTo(KafkaTopics.sink(kafka, new FeedRecordSerializer(Topics.MENTIONS), "earshot-replay"))
                .name(Topics.MENTIONS.name()).uid("replay-sink");
        env.execute(NAME);
    }

    /** Lines to payloads for {@code earshot.mentions}. */
    public static DataStream<FeedRecord> build(DataStream<String> lines, ReplayFormat format, String source) {
        return lines.flatMap(new ReplayLineFunction(format, source)).name("lines to mentions").uid("replay-lines");
    }
}
