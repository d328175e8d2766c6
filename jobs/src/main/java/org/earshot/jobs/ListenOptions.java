package org.earshot.jobs;

import java.time.Duration;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.pipeline.kafka.KafkaSettings;

/**
 * Everything the Listen job needs, typed and validated.
 *
 * @param kafka where the topics are
 * @param groupId the consumer group the job's source commits its offsets under
 * @param checkpointInterval how often state and Kafka transactions are committed
 * @param dedupTtl how long a mention id or canonical URL is remembered
 * @param maxTextChars longer texts are cut to this many characters
 * @param outOfOrderness how late a mention may arrive before event-time windows close
 * @param clickhouse where enriched mentions are stored, or null to write Kafka only
 */
public record ListenOptions(KafkaSettings kafka, String groupId, Duration checkpointInterval, Duration dedupTtl,
                            int maxTextChars, Duration outOfOrderness, ClickHouseSinkOptions clickhouse) {

    public static final String GROUP_ID = "listen.group-id";
    public static final String CHECKPOINT_INTERVAL = "listen.checkpoint-interval";
    public static final String DEDUP_TTL = "listen.dedup.ttl";
    public static final String MAX_TEXT_CHARS = "listen.text.max-chars";
    public static final String OUT_OF_ORDERNESS = "listen.watermark.out-of-orderness";
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
    }

    /** Without ClickHouse. */
    public ListenOptions(KafkaSettings kafka, String groupId, Duration checkpointInterval, Duration dedupTtl,
                         int maxTextChars, Duration outOfOrderness) {
        this(kafka, groupId, checkpointInterval, dedupTtl, maxTextChars, outOfOrderness, null);
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
                config.get(CLICKHOUSE_URL).map(url -> clickhouse(config, url)).orElse(null));
    }

    /** How the sink writes to the ClickHouse at {@code jdbcUrl}, from the {@code clickhouse.*} settings. */
    public static ClickHouseSinkOptions clickhouse(EarshotConfig config, String jdbcUrl) {
        return new ClickHouseSinkOptions(jdbcUrl, config.get(CLICKHOUSE_USER, "default"), config.get(CLICKHOUSE_PASSWORD, ""),
                config.getInt(CLICKHOUSE_BATCH_ROWS, 50_000), config.getDuration(CLICKHOUSE_RETRY_TIMEOUT, Duration.ofMinutes(2)));
    }

    public ListenOptions withCheckpointInterval(Duration interval) {
        return new ListenOptions(kafka, groupId, interval, dedupTtl, maxTextChars, outOfOrderness, clickhouse);
    }

    public ListenOptions withClickHouse(ClickHouseSinkOptions sink) {
        return new ListenOptions(kafka, groupId, checkpointInterval, dedupTtl, maxTextChars, outOfOrderness, sink);
    }
}
