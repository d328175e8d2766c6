package org.earshot.jobs;

import org.earshot.jobs.settings.AlertsKeys;
import org.earshot.jobs.settings.ClickHouseKeys;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.settings.ListenKeys;
import java.time.Duration;
import org.earshot.pipeline.alerts.AlertsOptions;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.pipeline.validate.MentionParser;
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
 * @param alerts how keyword alerts are delivered, or null to evaluate none
 */
public record ListenOptions(KafkaSettings kafka, String groupId, Duration checkpointInterval, Duration dedupTtl,
                            int maxTextChars, Duration outOfOrderness, Duration allowedLateness, Duration maxClockSkew,
                            ClickHouseSinkOptions clickhouse, AlertsOptions alerts) {

    static final Duration DEFAULT_ALLOWED_LATENESS = ListenKeys.ALLOWED_LATENESS.defaultValue();

    public ListenOptions {
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException(ListenKeys.CHECKPOINT_INTERVAL.key() + " must be positive");
        }
        if (dedupTtl.isNegative() || dedupTtl.isZero()) throw new IllegalArgumentException(ListenKeys.DEDUP_TTL.key() + " must be positive");
        if (maxTextChars < 1) throw new IllegalArgumentException(ListenKeys.MAX_TEXT_CHARS.key() + " must be positive");
        if (outOfOrderness.isNegative()) throw new IllegalArgumentException(ListenKeys.OUT_OF_ORDERNESS.key() + " must not be negative");
        if (allowedLateness.isNegative()) throw new IllegalArgumentException(ListenKeys.ALLOWED_LATENESS.key() + " must not be negative");
        if (maxClockSkew.isNegative()) throw new IllegalArgumentException(ListenKeys.MAX_CLOCK_SKEW.key() + " must not be negative");
    }

    /** Without ClickHouse and alerts. */
    public ListenOptions(KafkaSettings kafka, String groupId, Duration checkpointInterval, Duration dedupTtl,
                         int maxTextChars, Duration outOfOrderness) {
        this(kafka, groupId, checkpointInterval, dedupTtl, maxTextChars, outOfOrderness, DEFAULT_ALLOWED_LATENESS,
                MentionParser.DEFAULT_MAX_CLOCK_SKEW, null, null);
    }

    /** Options from configuration, against the given Kafka. */
    public static ListenOptions from(EarshotConfig config, KafkaSettings kafka) {
        return new ListenOptions(
                kafka,
                config.get(ListenKeys.GROUP_ID),
                config.get(ListenKeys.CHECKPOINT_INTERVAL),
                config.get(ListenKeys.DEDUP_TTL),
                config.get(ListenKeys.MAX_TEXT_CHARS),
                config.get(ListenKeys.OUT_OF_ORDERNESS),
                config.get(ListenKeys.ALLOWED_LATENESS),
                config.get(ListenKeys.MAX_CLOCK_SKEW),
                config.find(ClickHouseKeys.URL).map(url -> clickhouse(config, url)).orElse(null),
                alerts(config));
    }

    /** How alerts are delivered, from the {@code alerts.*} settings and the mail server of {@code reports.smtp.*}. */
    public static AlertsOptions alerts(EarshotConfig config) {
        return new AlertsOptions(config.find(AlertsKeys.DASHBOARD_URL).filter(u -> !u.isBlank()).orElse(null),
                config.find(AlertsKeys.LINK_KEY).filter(k -> !k.isBlank()).orElse(null),
                config.get(AlertsKeys.ATTEMPTS), config.get(AlertsKeys.BACKOFF), config.get(AlertsKeys.TIMEOUT),
                config.get(AlertsKeys.PER_MINUTE), config.smtp().orElse(null),
                config.find(AlertsKeys.TEMPLATES).filter(t -> !t.isBlank()).orElse(null));
    }

    /** How the sink writes to the ClickHouse at {@code jdbcUrl}, from the {@code clickhouse.*} settings. */
    public static ClickHouseSinkOptions clickhouse(EarshotConfig config, String jdbcUrl) {
        return new ClickHouseSinkOptions(jdbcUrl, config.get(ClickHouseKeys.USER), config.find(ClickHouseKeys.PASSWORD).orElse(""),
                config.get(ClickHouseKeys.SINK_BATCH_ROWS), config.get(ClickHouseKeys.SINK_RETRY_TIMEOUT));
    }

    public ListenOptions withCheckpointInterval(Duration interval) {
        return new ListenOptions(kafka, groupId, interval, dedupTtl, maxTextChars, outOfOrderness, allowedLateness, maxClockSkew, clickhouse, alerts);
    }

    public ListenOptions withClickHouse(ClickHouseSinkOptions sink) {
        return new ListenOptions(kafka, groupId, checkpointInterval, dedupTtl, maxTextChars, outOfOrderness, allowedLateness, maxClockSkew, sink, alerts);
    }

    public ListenOptions withAllowedLateness(Duration lateness) {
        return new ListenOptions(kafka, groupId, checkpointInterval, dedupTtl, maxTextChars, outOfOrderness, lateness, maxClockSkew, clickhouse, alerts);
    }

    public ListenOptions withAlerts(AlertsOptions delivery) {
        return new ListenOptions(kafka, groupId, checkpointInterval, dedupTtl, maxTextChars, outOfOrderness, allowedLateness, maxClockSkew, clickhouse, delivery);
    }

    /** The consumer group of the job's subscriptions source. */
    public String subscriptionsGroupId() {
        return groupId + "-subscriptions";
    }

    /** The consumer group of the job's notifications source (its delivery). */
    public String notificationsGroupId() {
        return groupId + "-notifications";
    }

    /** The consumer group of the job's rules source. */
    public String rulesGroupId() {
        return groupId + "-rules";
    }
}
