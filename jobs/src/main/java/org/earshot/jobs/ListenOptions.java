package org.earshot.jobs;

import java.time.Duration;
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
 */
public record ListenOptions(KafkaSettings kafka, String groupId, Duration checkpointInterval, Duration dedupTtl,
                            int maxTextChars, Duration outOfOrderness) {

    public static final String GROUP_ID = "listen.group-id";
    public static final String CHECKPOINT_INTERVAL = "listen.checkpoint-interval";
    public static final String DEDUP_TTL = "listen.dedup.ttl";
    public static final String MAX_TEXT_CHARS = "listen.text.max-chars";
    public static final String OUT_OF_ORDERNESS = "listen.watermark.out-of-orderness";

    public ListenOptions {
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException(CHECKPOINT_INTERVAL + " must be positive");
        }
        if (dedupTtl.isNegative() || dedupTtl.isZero()) throw new IllegalArgumentException(DEDUP_TTL + " must be positive");
        if (maxTextChars < 1) throw new IllegalArgumentException(MAX_TEXT_CHARS + " must be positive");
        if (outOfOrderness.isNegative()) throw new IllegalArgumentException(OUT_OF_ORDERNESS + " must not be negative");
    }

    /** Options from configuration, against the given Kafka. */
    public static ListenOptions from(EarshotConfig config, KafkaSettings kafka) {
        return new ListenOptions(
                kafka,
                config.get(GROUP_ID, "earshot-listen"),
                config.getDuration(CHECKPOINT_INTERVAL, Duration.ofSeconds(5)),
                config.getDuration(DEDUP_TTL, Duration.ofDays(7)),
                config.getInt(MAX_TEXT_CHARS, 100_000),
                config.getDuration(OUT_OF_ORDERNESS, Duration.ofSeconds(30)));
    }

    public ListenOptions withCheckpointInterval(Duration interval) {
        return new ListenOptions(kafka, groupId, interval, dedupTtl, maxTextChars, outOfOrderness);
    }
}
