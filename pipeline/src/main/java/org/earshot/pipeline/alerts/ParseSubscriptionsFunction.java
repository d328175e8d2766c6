package org.earshot.pipeline.alerts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.earshot.pipeline.kafka.RawRecord;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Json;
import org.earshot.schemas.Subscription;
import org.earshot.schemas.Topics;

/**
 * Reads {@code earshot.subscriptions} records into {@link SubscriptionUpdate}s. A record that is no subscription, or
 * one that cannot work ({@link SubscriptionCheck}), leaves as a dead letter (passed on as a skip, for its position) and
 * the previous version stays live. Runs before the broadcast, so each record is judged once.
 */
public final class ParseSubscriptionsFunction extends ProcessFunction<RawRecord, SubscriptionUpdate> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("subscription-dead-letters") {};

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<SubscriptionUpdate> out) {
        String key = record.key == null ? null : new String(record.key, StandardCharsets.UTF_8);
        try {
            if (key == null || key.isEmpty()) throw new IllegalArgumentException("a subscription record needs its id as the Kafka key");
            if (record.value.length == 0) {
                out.collect(new SubscriptionUpdate(key, null, record.partition, record.offset));
                return;
            }
            Subscription s;
            try {
                s = Topics.SUBSCRIPTIONS.deserialize(record.value);
            } catch (IOException e) {
                throw new IllegalArgumentException("subscription " + key + " is not a valid subscription JSON: " + e.getMessage());
            }
            if (s == null || !key.equals(s.id)) throw new IllegalArgumentException("subscription " + key + ": its id differs from its Kafka key");
            SubscriptionCheck.check(s, rule -> true);
            out.collect(new SubscriptionUpdate(key, Json.toString(s), record.partition, record.offset));
        } catch (IllegalArgumentException e) {
            ctx.output(DEAD_LETTERS, new DeadLetter(record.value, record.topic, record.partition, record.offset,
                    "subscriptions", e.getMessage(), Instant.now()));
            out.collect(new SubscriptionUpdate(null, null, record.partition, record.offset));
        }
    }
}
