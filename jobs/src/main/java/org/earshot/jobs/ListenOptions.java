package org.earshot.jobs;

import java.time.Duration;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.pipeline.ingest.MentionParser;
import org.earshot.pipeline.kafka.KafkaSettings;

/**
 * Everything the Listen job needs, typed and validated.
 *
 * @param kafka where the topics are
 * @param groupId the consumer group the job's source commits its offsets under
 * @param checkpointInterval how often state and Kafka transactions are committed
 * @param dedupTtl how long a mention id or canonical URL is remembered
 * @param maxTextChars longer texts are cut to this many characters
 * @param outOfOrderness how far behind the newest mention the watermark (event-time progress) trails
 * @param allowedLateness how long after its minute closed a window still takes late mentions and
 *     corrects its row; a mention later still is counted on its own
 * @param maxClockSkew how far a mention's publishedAt may run ahead of its fetchedAt before it is
 *     replaced by it (the claim kept in publishedAtClaimed; see MentionParser)
 * @param clickhouse where enriched mentions are stored, or null to write Kafka only
 */
public record ListenOptions(KafkaSettings kafka, String groupId, Duration checkpointInterval, Duration dedupTtl,
                            int maxTextChars, Duration outOfOrderness, Duration allowedLateness, Duration maxClockSkew,
                            ClickHouseSinkOptions clickhouse) {

    public static final String GROUP_ID = "listen.group-id";
    public static final String CHECKPOINT_INTERVAL = "listen.checkpoint-interval";
    public static final String DEDUP_TTL = "listen.dedup.ttl";
    public static final String MAX_TEXT_CHARS = "listen.text.max-chars";
    public static final String OUT_OF_ORDERNESS = "listen.watermark.out-of-orderness";
    public static final String ALLOWED_LATENESS = "listen.windows.allowed-lateness";
    public static final String MAX_CLOCK_SKEW = "listen.max-clock-skew";
    static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofMinutes(10);
    public static final String CLICKHOUSE_URL = "clickhouse.url";
    public static final String CLICKHOUSE_USER = "clickhouse.user";
    public static final String CLICKHOUSE_PASSWORD = "clickhouse.password";
    public static final String CLICKHOUSE_BATCH_ROWS = "clickhouse.sink.batch-rows";
    public static final String CLICKHOUSE_RETRY_TIMEOUT = "clickhouse.sink.retry-timeout";

    public ListenOptions {
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException(CHECKPOINT_INTERVAL + " must be positive");
        }
        if (dedupTtl.isNegative() || dedupTtl.isZero()) throw new IllegalArgumentException(DEDUP_TTL + " must be positive");
        if (maxTextChars < 1) throw new IllegalArgumentException(MAX_TEXT_CHARS + " must be positive");
        if (outOfOrderness.isNegative()) throw new IllegalArgumentException(OUT_OF_ORDERNESS + " must not be negative");
        if (allowedLateness.isNegative()) throw new IllegalArgumentException(ALLOWED_LATENESS + " must not be negative");
        if (maxClockSkew.isNegative()) throw new IllegalArgumentException(MAX_CLOCK_SKEW + " must not be negative");
    }

    /** Without ClickHouse. */
    public ListenOptions(KafkaSettings kafka, String groupId, Duration checkpointInterval, Duration dedupTtl,
                         int maxTextChars, Duration outOfOrderness) {
        this(kafka, groupId, checkpointInterval, dedupTtl, maxTextChars, outOfOrderness, DEFAULT_ALLOWED_LATENESS,
                MentionParser.DEFAULT_MAX_CLOCK_SKEW, null);
    }

    /** Reads the Listen job's settings without starting anything: a mistake in one is said before a service starts. */
    public static void check(EarshotConfig config) {
        from(config, KafkaSettings.of("unused:9092"));
    }

    /** Options from configuration, against the given Kafka. */
    public static ListenOptions from(EarshotConfig config, KafkaSettings kafka) {
        return new ListenOptions(
                kafka,
                config.get(GROUP_ID, "earshot-listen"),
                config.getDuration(CHECKPOINT_INTERVAL, Duration.ofSeconds(5)),
                config.getDuration(DEDUP_TTL, Duration.ofDays(7)),
                config.getInt(MAX_TEXT_CHARS, 100_000),
                config.getDuration(OUT_OF_ORDERNESS, Duration.ofSeconds(30)),
                config.getDuration(ALLOWED_LATENESS, DEFAULT_ALLOWED_LATENESS),
                config.getDuration(MAX_CLOCK_SKEW, MentionParser.DEFAULT_MAX_CLOCK_SKEW),
                config.get(CLICKHOUSE_URL).map(url -> clickhouse(config, url)).orElse(null));
    }

    /** How the sink writes to the ClickHouse at {@code jdbcUrl}, from the {@code clickhouse.*} settings. */
    public static ClickHouseSinkOptions clickhouse(EarshotConfig config, String jdbcUrl) {
        return new ClickHouseSinkOptions(jdbcUrl, config.get(CLICKHOUSE_USER, "default"), config.get(CLICKHOUSE_PASSWORD, ""),
                config.getInt(CLICKHOUSE_BATCH_ROWS, ClickHouseSinkOptions.DEFAULT_BATCH_ROWS), config.getDuration(CLICKHOUSE_RETRY_TIMEOUT, Duration.ofMinutes(2)));
    }

    public ListenOptions withCheckpointInterval(Duration interval) {
        return new ListenOptions(kafka, groupId, interval, dedupTtl, maxTextChars, outOfOrderness, allowedLateness, maxClockSkew, clickhouse);
    }

    public ListenOptions withClickHouse(ClickHouseSinkOptions sink) {
        return new ListenOptions(kafka, groupId, checkpointInterval, dedupTtl, maxTextChars, outOfOrderness, allowedLateness, maxClockSkew, sink);
    }

    public ListenOptions withAllowedLateness(Duration lateness) {
        return new ListenOptions(kafka, groupId, checkpointInterval, dedupTtl, maxTextChars, outOfOrderness, lateness, maxClockSkew, clickhouse);
    }

    /** The consumer group of the job's rules source. */
    public String rulesGroupId() {
        return groupId + "-rules";
    }
}
