package org.earshot.jobs;

import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.settings.KafkaKeys;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.pipeline.aggregate.MatchesByRule;
import org.earshot.pipeline.aggregate.RuleAggregates;
import org.earshot.pipeline.aggregate.RuleMatch;
import org.earshot.pipeline.aggregate.RuleMinute;
import org.earshot.pipeline.aggregate.RuleTermCount;
import org.earshot.pipeline.aggregate.RuleTerms;
import org.earshot.pipeline.aggregate.TermsByRule;
import org.earshot.pipeline.alerts.Alerts;
import org.earshot.pipeline.clickhouse.AlertRows;
import org.earshot.pipeline.clickhouse.MentionRows;
import org.earshot.pipeline.clickhouse.RuleRows;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSink;
import org.earshot.pipeline.clickhouse.sink.ClickHouseTable;
import org.earshot.pipeline.clickhouse.CopyRows;
import org.earshot.pipeline.clickhouse.MentionDeletions;
import org.earshot.pipeline.dedup.DedupKey;
import org.earshot.pipeline.dedup.MentionCopy;
import org.earshot.pipeline.dedup.DeduplicateOperator;
import org.earshot.pipeline.kafka.DelayedTombstones;
import org.earshot.pipeline.kafka.EndsAtStart;
import org.earshot.pipeline.kafka.EnrichedRecord;
import org.earshot.pipeline.kafka.KafkaDeadLetters;
import org.earshot.pipeline.kafka.KafkaTopics;
import org.earshot.pipeline.kafka.RawRecord;
import org.earshot.pipeline.matching.MatchRulesFunction;
import org.earshot.pipeline.matching.ParseRulesFunction;
import org.earshot.pipeline.matching.RuleUpdate;
import org.earshot.pipeline.matching.RulesAtStart;
import org.earshot.pipeline.matching.RuleWatermarks;
import org.earshot.pipeline.nlp.EnrichFunction;
import org.earshot.pipeline.text.NormalizeFunction;
import org.earshot.pipeline.types.MentionTypes;
import org.earshot.pipeline.validate.ParseMentionsFunction;
import org.earshot.schemas.Alert;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;

/**
 * Listens: {@code earshot.mentions} → parse and validate → deduplicate by id → normalize →
 * deduplicate by canonical URL → language, sentiment and emotion → match the live rules ({@code earshot.rules}, broadcast) →
 * {@code earshot.mentions.enriched} and, exactly once, ClickHouse: {@code mentions}, one
 * {@code mention_rules} row per match, and per rule the minute tallies ({@code rule_minute}) and
 * trending terms ({@code rule_hour_terms}) of event-time windows; the alert subscriptions ({@code earshot.subscriptions},
 * broadcast) judged on the matches → {@code earshot.notifications} → delivered to webhooks, Slack, Teams and email, every
 * alert state → {@code earshot.alerts} and ClickHouse {@code alerts}. Anything malformed, mention, rule or
 * subscription, and any notification that could not be delivered → {@code earshot.deadletters}.
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
                new IllegalArgumentException("set --" + KafkaKeys.BOOTSTRAP_SERVERS.key() + " to the Kafka cluster")));
        if (options.clickhouse() != null) Migrations.apply(options.clickhouse(), config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobState.onCluster(config));
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
        // One reader: rules are few, and one reader holds every partition, so its watermark is never unset.
        DataStream<RawRecord> rules = env
                .fromSource(KafkaTopics.compactedSource(options.kafka(), Topics.RULES, options.rulesGroupId()),
                        RuleWatermarks.neverHoldBack(), Topics.RULES.name())
                .setParallelism(1).uid("rules-source");
        Streams streams = build(raw, rules, RulesAtStart.kafka(options.kafka(), Topics.RULES.name()), options);
        // Deletions go out as tombstones beside the mentions, so every reader (the search index) forgets them too.
        streams.enriched().map(EnrichedRecord::of).returns(EnrichedRecord.TYPE).name("enriched records").uid("enriched-records")
                .union(streams.deletions()
                        .keyBy(id -> id, Types.STRING)
                        .process(new DelayedTombstones(options.checkpointInterval().multipliedBy(2))).returns(Types.STRING)
                        .name("tombstones after their mention").uid("delayed-tombstones")
                        .map(EnrichedRecord::deletion).returns(EnrichedRecord.TYPE).name("tombstones").uid("tombstones"))
                .sinkTo(KafkaTopics.sink(options.kafka(), EnrichedRecord.serializer(), "earshot-listen-enriched"))
                .name(Topics.MENTIONS_ENRICHED.name()).uid("enriched-sink");
        if (options.clickhouse() != null) store(streams, options);
        DataStream<DeadLetter> deadLetters = streams.deadLetters();
        if (options.alerts() != null) deadLetters = deadLetters.union(alert(env, streams, options));
        deadLetters
                .sinkTo(KafkaTopics.sink(options.kafka(), Topics.DEAD_LETTERS, "earshot-listen-deadletters"))
                .name(Topics.DEAD_LETTERS.name()).uid("deadletters-sink");
    }

    /**
     * Keyword alerts: the subscriptions ({@code earshot.subscriptions}, broadcast) judged on the matched mentions;
     * their notifications into {@code earshot.notifications} in the checkpoint's transaction, read back from there and
     * delivered; every alert state to {@code earshot.alerts} and ClickHouse. Returns the dead letters it makes.
     */
    private static DataStream<DeadLetter> alert(StreamExecutionEnvironment env, Streams streams, ListenOptions options) {
        DataStream<RawRecord> subscriptions = env
                .fromSource(KafkaTopics.compactedSource(options.kafka(), Topics.SUBSCRIPTIONS, options.subscriptionsGroupId()),
                        RuleWatermarks.neverHoldBack(), Topics.SUBSCRIPTIONS.name())
                .setParallelism(1).uid("subscriptions-source");
        Alerts.Evaluated evaluated = Alerts.evaluate(streams.enriched(), subscriptions,
                EndsAtStart.kafka(options.kafka(), Topics.SUBSCRIPTIONS.name()));
        evaluated.notifications()
                .sinkTo(KafkaTopics.sink(options.kafka(), Topics.NOTIFICATIONS, "earshot-listen-notifications"))
                .name(Topics.NOTIFICATIONS.name()).uid("notifications-sink");
        DataStream<RawRecord> notifications = env
                .fromSource(KafkaTopics.rawSource(options.kafka(), Topics.NOTIFICATIONS, options.notificationsGroupId()),
                        WatermarkStrategy.noWatermarks(), Topics.NOTIFICATIONS.name())
                .uid("notifications-source");
        Alerts.Delivered delivered = Alerts.deliver(notifications, options.alerts());
        DataStream<Alert> states = evaluated.states().union(delivered.errors());
        states.sinkTo(KafkaTopics.sink(options.kafka(), Topics.ALERTS, "earshot-listen-alerts")).name(Topics.ALERTS.name()).uid("alerts-sink");
        if (options.clickhouse() != null) toClickHouse(states, "alerts", AlertRows.ALERTS, options, new KafkaDeadLetters(options.kafka()));
        return evaluated.deadLetters().union(delivered.deadLetters());
    }

    /**
     * The Listen topology between its sources and its sinks: mention and rule records in, every output out.
     * {@code rulesAtStart} says where the rules end, so that no mention is matched before they are read.
     */
    public static Streams build(DataStream<RawRecord> raw, DataStream<RawRecord> rules, RulesAtStart rulesAtStart, ListenOptions options) {
        SingleOutputStreamOperator<Mention> parsed = raw
                .process(new ParseMentionsFunction(options.maxClockSkew())).returns(MentionTypes.MENTION).name("parse and validate").uid("parse");
        // One parser, in the reader's thread: the matcher knows it has read the rules by the last offset it saw, so
        // they must reach it in order; two parsers would hand them on in any order.
        SingleOutputStreamOperator<RuleUpdate> ruleUpdates = rules
                .process(new ParseRulesFunction()).returns(RuleUpdate.class).name("parse rules").uid("parse-rules").setParallelism(1);
        // Exact repeats are dropped before any work is spent on them; the URL check needs the
        // canonical URL that normalization computes. Copies of a story (same page, same words)
        // are dropped too, each one reported.
        SingleOutputStreamOperator<Mention> byUrl = parsed
                .assignTimestampsAndWatermarks(eventTime(options.outOfOrderness())).name("event time").uid("event-time")
                .keyBy(DedupKey.ID)
                .transform("dedup by id", MentionTypes.MENTION, new DeduplicateOperator(options.dedupTtl())).uid("dedup-id")
                .map(new NormalizeFunction(options.maxTextChars())).returns(MentionTypes.MENTION).name("normalize").uid("normalize")
                .keyBy(DedupKey.CANONICAL_URL)
                .transform("dedup by url", MentionTypes.MENTION, new DeduplicateOperator(options.dedupTtl(), DedupKey.CANONICAL_URL)).uid("dedup-url");
        SingleOutputStreamOperator<Mention> byText = byUrl
                .keyBy(DedupKey.TEXT)
                .transform("dedup by text", MentionTypes.MENTION, new DeduplicateOperator(options.dedupTtl(), DedupKey.TEXT)).uid("dedup-text");
        DataStream<Mention> enriched = byText
                .map(new EnrichFunction()).returns(MentionTypes.MENTION).name("language, sentiment, emotion").uid("enrich")
                .connect(ruleUpdates.broadcast(MatchRulesFunction.RULES, MatchRulesFunction.RULES_READ))
                .process(new MatchRulesFunction(rulesAtStart)).returns(MentionTypes.MENTION).name("match rules").uid("match-rules");
        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(ParseMentionsFunction.DEAD_LETTERS)
                .union(ruleUpdates.getSideOutput(ParseRulesFunction.DEAD_LETTERS));
        DataStream<MentionCopy> copies = byUrl.getSideOutput(DeduplicateOperator.COPIES)
                .union(byText.getSideOutput(DeduplicateOperator.COPIES));
        // Per rule: each match, the minute tallies and the hourly terms, in event-time windows.
        DataStream<RuleMatch> matches = enriched
                .process(new MatchesByRule()).returns(RuleMatch.class).name("matches by rule").uid("matches-by-rule");
        DataStream<RuleTerms> terms = enriched
                .process(new TermsByRule()).returns(RuleTerms.class).name("terms by rule").uid("terms-by-rule");
        return new Streams(enriched, matches, RuleAggregates.minutes(matches, options.allowedLateness()),
                RuleAggregates.terms(terms, options.allowedLateness()), deadLetters, copies,
                parsed.getSideOutput(ParseMentionsFunction.DELETED));
    }

    /** Every output into ClickHouse, exactly once: mentions, their matches, the rules' windows, the copies dropped, deletions. */
    static void store(Streams streams, ListenOptions options) {
        KafkaDeadLetters rejected = new KafkaDeadLetters(options.kafka());
        toClickHouse(streams.copies(), "mention-copies", CopyRows.MENTION_COPIES, options, rejected);
        streams.deletions().sinkTo(new MentionDeletions(options.clickhouse())).name("clickhouse deletions").uid("deletions-clickhouse-sink");
        toClickHouse(streams.enriched(), "mentions", MentionRows.TABLE, options, rejected);
        toClickHouse(streams.matches(), "mention-rules", RuleRows.MENTION_RULES, options, rejected);
        toClickHouse(streams.minutes(), "rule-minutes", RuleRows.RULE_MINUTES, options, rejected);
        toClickHouse(streams.terms(), "rule-terms", RuleRows.RULE_HOUR_TERMS, options, rejected);
    }

    /** One exactly-once sink; {@code name} makes its dedup tokens ({@code listen-…}) and its stable uid. */
    private static <T> void toClickHouse(DataStream<T> stream, String name, ClickHouseTable<T> table, ListenOptions options,
                                         KafkaDeadLetters rejected) {
        stream.sinkTo(new ClickHouseSink<>("listen-" + name, table, options.clickhouse(), rejected))
                .name("clickhouse " + table.name()).uid(name + "-clickhouse-sink");
    }

    /** Event time is when the mention was published; sources may run a little out of order. */
    static WatermarkStrategy<Mention> eventTime(Duration outOfOrderness) {
        return WatermarkStrategy.<Mention>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((mention, kafkaTimestamp) -> mention.eventTimeMillis(kafkaTimestamp))
                .withIdleness(Duration.ofMinutes(1));
    }

    /**
     * Every output of the job: enriched mentions (with the rules they matched), one record per match, the minute
     * tallies and hourly terms per rule (deltas: a late mention adds to its window's row), dead letters,
     * copies dropped, and the ids of deleted mentions. Sinks are attached apart ({@link #attach}).
     */
    public record Streams(DataStream<Mention> enriched, DataStream<RuleMatch> matches, DataStream<RuleMinute> minutes,
                          DataStream<RuleTermCount> terms, DataStream<DeadLetter> deadLetters, DataStream<MentionCopy> copies,
                          DataStream<String> deletions) {}
}
