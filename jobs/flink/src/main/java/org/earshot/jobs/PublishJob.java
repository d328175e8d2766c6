package org.earshot.jobs;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.jobs.settings.ClickHouseKeys;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.settings.KafkaKeys;
import org.earshot.jobs.settings.PublishKeys;
import org.earshot.pipeline.clickhouse.PublicationRows;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSink;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.pipeline.kafka.EndsAtStart;
import org.earshot.pipeline.kafka.KafkaDeadLetters;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.KafkaTopics;
import org.earshot.pipeline.kafka.RawRecord;
import org.earshot.pipeline.publish.Publish;
import org.earshot.pipeline.publish.PublishOptions;
import org.earshot.schemas.Topics;

/**
 * Publishes: {@code earshot.publications} → each account's queue (due times, pace, retries) → Mastodon, Bluesky or a
 * signed webhook, once → every result to {@code earshot.publications.results} and ClickHouse {@code publications},
 * exactly once; records that are no publication → {@code earshot.deadletters}.
 *
 * <p>Run on a cluster with {@code flink run -c org.earshot.jobs.PublishJob earshot-jobs-…-flink.jar
 * --kafka.bootstrap-servers HOST:9092 --publish.accounts /shared/accounts.json [--clickhouse.url …]}; locally with
 * {@code earshot run publish}.
 */
public final class PublishJob {
    public static final String NAME = "earshot-publish";

    private PublishJob() {}

    public static void main(String[] args) throws Exception {
        EarshotConfig config = EarshotConfig.fromArgs(args);
        KafkaSettings kafka = config.kafka().orElseThrow(() ->
                new IllegalArgumentException("set --" + KafkaKeys.BOOTSTRAP_SERVERS.key() + " to the Kafka cluster"));
        PublishOptions options = options(config, config.require(PublishKeys.ACCOUNTS, "to the accounts file (earshot accounts add writes one)"));
        ClickHouseSinkOptions clickhouse = config.find(ClickHouseKeys.URL).map(url -> ListenOptions.clickhouse(config, url)).orElse(null);
        if (clickhouse != null) Migrations.apply(clickhouse, config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobState.onCluster(config));
        env.enableCheckpointing(config.get(PublishKeys.CHECKPOINT_INTERVAL).toMillis(), CheckpointingMode.EXACTLY_ONCE);
        attach(env, kafka, config.get(PublishKeys.GROUP_ID), options, clickhouse);
        env.execute(NAME);
    }

    /** The Publish options from the {@code publish.*} settings, with the accounts file given. */
    public static PublishOptions options(EarshotConfig config, String accountsFile) {
        return new PublishOptions(accountsFile, config.find(PublishKeys.ACCOUNTS_KEY).filter(k -> !k.isBlank()).orElse(null),
                config.get(PublishKeys.PER_MINUTE), config.get(PublishKeys.ATTEMPTS), config.get(PublishKeys.BACKOFF),
                config.get(PublishKeys.TIMEOUT), config.get(PublishKeys.GRACE));
    }

    /** The job's source and sinks around {@link Publish#build}: what {@code main}, local runs and the demo execute. */
    public static void attach(StreamExecutionEnvironment env, KafkaSettings kafka, String groupId, PublishOptions options,
                              ClickHouseSinkOptions clickhouse) {
        DataStream<RawRecord> records = env
                .fromSource(KafkaTopics.rawSource(kafka, Topics.PUBLICATIONS, groupId), WatermarkStrategy.noWatermarks(), Topics.PUBLICATIONS.name())
                .setParallelism(1).uid("publications-source"); // one reader: the scheduler tells from positions when it has caught up
        Publish.Published published = Publish.build(records, EndsAtStart.kafka(kafka, Topics.PUBLICATIONS.name()), options);
        published.results().sinkTo(KafkaTopics.sink(kafka, Topics.PUBLICATION_RESULTS, "earshot-publish-results"))
                .name(Topics.PUBLICATION_RESULTS.name()).uid("publication-results-sink");
        if (clickhouse != null) {
            published.results().sinkTo(new ClickHouseSink<>("publish-results", PublicationRows.PUBLICATIONS, clickhouse, new KafkaDeadLetters(kafka)))
                    .name("clickhouse publications").uid("publications-clickhouse-sink");
        }
        published.deadLetters().sinkTo(KafkaTopics.sink(kafka, Topics.DEAD_LETTERS, "earshot-publish-deadletters"))
                .name(Topics.DEAD_LETTERS.name()).uid("publish-deadletters-sink");
    }
}
