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
            h.processWatermark(T0 + 45_000); // raised by the window ending at 0:40
            h.processWatermark(T0 + 85_000); // completed by the window ending at 1:20 (two left in it)
            assertThat(states(h)).containsExactly("ACTIVE", "COMPLETED");
            // Late, in the step of 0:30, which is still kept: it counts, but the window ending at 0:40 was judged already.
            h.processElement(new StreamRecord<>(hit(35_000), T0 + 35_000));
            h.processWatermark(T0 + 95_000);
            assertThat(states(h)).as("no second raise of a window already judged").containsExactly("ACTIVE", "COMPLETED");
        }
    }

    @Test
    void aHitThatOvertakesItsSubscriptionOnTheBroadcastIsStillJudged() throws Exception {
        Subscription every = AlertConditionsTest.subscription("t", "r", "every-match");
        try (KeyedBroadcastOperatorTestHarness<String, Hit, SubscriptionUpdate, Notification> h = ProcessFunctionTestHarnesses
                .forKeyedBroadcastProcessFunction(new EvaluateSubscriptions(), hit -> hit.subscriptionId, Types.STRING, AlertFanOut.SUBSCRIPTIONS)) {
            Hit hit = hit(10_000);
            hit.subscription = Json.toString(every); // as the fan-out saw it; this operator has no copy yet
            h.processElement(new StreamRecord<>(hit, T0 + 10_000));
            assertThat(h.extractOutputValues()).singleElement().satisfies(n -> assertThat(n.mentions).hasSize(1));
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

    @Test
    void theSameHourADayAndAWeekEarlierKeepADailyPeakFromBeingASpike() throws Exception {
        Subscription spike = AlertConditionsTest.subscription("t", "r", "volume-spike");
        spike.condition.window = Duration.ofHours(1);
        spike.condition.baselineWindows = 3;
        spike.condition.cooldown = Duration.ofMinutes(30);
        try (KeyedBroadcastOperatorTestHarness<String, Hit, SubscriptionUpdate, Notification> h = harness(spike)) {
            // Eight days of 10 mentions an hour, and 100 every day from 09:00 to 10:00.
            for (int hour = 0; hour < 8 * 24; hour++) {
                int n = hour % 24 == 9 ? 100 : 10;
                for (int i = 0; i < n; i++) {
                    long at = hour * 3_600_000L + i * (3_600_000L / n);
                    h.processElement(new StreamRecord<>(hit(at), T0 + at));
                }
                h.processWatermark(T0 + (hour + 1) * 3_600_000L);
            }
            List<Notification> raised = h.extractOutputValues().stream().filter(n -> n.state.equals("ACTIVE")).toList();
            // The first day has only the hours before it to go by: its peak is a spike. After that, the same hour the
            // day before (and, from day 8, the week before) is in the baseline, and the peak is what it always is.
            assertThat(raised).isNotEmpty().allSatisfy(n -> assertThat(n.windowEnd).isBefore(Instant.ofEpochMilli(T0 + 24 * 3_600_000L)));
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, Hit, SubscriptionUpdate, Notification> harness() throws Exception {
        return harness((org.apache.flink.runtime.checkpoint.OperatorSubtaskState) null);
    }

    private static KeyedBroadcastOperatorTestHarness<String, Hit, SubscriptionUpdate, Notification> harness(Subscription s) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, Hit, SubscriptionUpdate, Notification> h = ProcessFunctionTestHarnesses
                .forKeyedBroadcastProcessFunction(new EvaluateSubscriptions(), hit -> hit.subscriptionId, Types.STRING, AlertFanOut.SUBSCRIPTIONS);
        h.processBroadcastElement(new StreamRecord<>(new SubscriptionUpdate(s.id, Json.toString(s), 0, 0)));
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
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
