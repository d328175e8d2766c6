package org.earshot.pipeline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.earshot.schemas.Json;
import org.earshot.schemas.Notification;
import org.earshot.schemas.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The evaluation with the watermark in the test's hands: late mentions, and a restore from a snapshot. */
@Timeout(60)
class EvaluateSubscriptionsTest {
    static final long T0 = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();

    @Test
    void aLateMentionCountsButJudgesNoWindowTwice() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, Hit, SubscriptionUpdate, Notification> h = harness()) {
            for (long at : new long[] {10_000, 20_000, 30_000}) h.processElement(new StreamRecord<>(hit(at), T0 + at));
            h.processWatermark(T0 + 70_000);
            h.processWatermark(T0 + 200_000);
            assertThat(states(h)).containsExactly("ACTIVE", "COMPLETED");
            h.processElement(new StreamRecord<>(hit(15_000), T0 + 15_000)); // long after its window was judged
            h.processWatermark(T0 + 210_000);
            assertThat(states(h)).as("no second raise of a window already judged").containsExactly("ACTIVE", "COMPLETED");
        }
    }

    @Test
    void anOpenAlertSurvivesARestoreAndCompletesOnce() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (KeyedBroadcastOperatorTestHarness<String, Hit, SubscriptionUpdate, Notification> h = harness()) {
            for (long at : new long[] {10_000, 20_000, 30_000}) h.processElement(new StreamRecord<>(hit(at), T0 + at));
            h.processWatermark(T0 + 70_000);
            assertThat(states(h)).containsExactly("ACTIVE");
            snapshot = h.snapshot(1, 1);
        }
        try (KeyedBroadcastOperatorTestHarness<String, Hit, SubscriptionUpdate, Notification> h = harness(snapshot)) {
            h.processWatermark(T0 + 200_000);
            assertThat(states(h)).containsExactly("COMPLETED");
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, Hit, SubscriptionUpdate, Notification> harness() throws Exception {
        return harness(null);
    }

    private static KeyedBroadcastOperatorTestHarness<String, Hit, SubscriptionUpdate, Notification> harness(
            org.apache.flink.runtime.checkpoint.OperatorSubtaskState restored) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, Hit, SubscriptionUpdate, Notification> h = ProcessFunctionTestHarnesses
                .forKeyedBroadcastProcessFunction(new EvaluateSubscriptions(), hit -> hit.subscriptionId, Types.STRING, AlertFanOut.SUBSCRIPTIONS);
        if (restored != null) {
            h.close();
            h = new KeyedBroadcastOperatorTestHarness<>(new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(
                    new EvaluateSubscriptions(), List.of(AlertFanOut.SUBSCRIPTIONS)), hit -> hit.subscriptionId, Types.STRING, 1, 1, 0);
            h.setup();
            h.initializeState(restored);
            h.open();
            h.processBroadcastWatermark(Long.MAX_VALUE); // the subscriptions never hold event time back, as in the job
            return h;
        }
        Subscription s = AlertConditionsTest.subscription("t", "r", "threshold");
        s.condition.count = 3;
        s.condition.window = Duration.ofMinutes(1);
        h.processBroadcastElement(new StreamRecord<>(new SubscriptionUpdate("t", Json.toString(s), 0, 0)));
        h.processBroadcastWatermark(Long.MAX_VALUE); // the subscriptions never hold event time back, as in the job
        return h;
    }

    private static List<String> states(KeyedBroadcastOperatorTestHarness<String, Hit, SubscriptionUpdate, Notification> h) {
        return h.extractOutputValues().stream().map(n -> n.state).toList();
    }

    private static Hit hit(long at) {
        Hit hit = new Hit();
        hit.subscriptionId = "t";
        hit.eventTime = T0 + at;
        hit.mention = new Notification.Brief();
        hit.mention.id = "m" + at;
        hit.mention.sentiment = "neutral";
        hit.mention.publishedAt = Instant.ofEpochMilli(T0 + at);
        return hit;
    }
}
