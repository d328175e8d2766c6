package org.earshot.pipeline.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * The minute windows as {@link RuleAggregates#minutes} builds them (one-minute event-time windows, allowed lateness,
 * late data aside, {@link MergeTallies} and {@link EmitMinuteDeltas}), driven by watermarks in a test harness: the
 * first firing writes the tally, a late mention writes only what it adds, one later still goes aside, and a
 * restore keeps what was written. Each mention comes as the partial tally of one match, as {@link SumByMinute}
 * sends a minute that held one ({@code SumByMinuteTest} has the sums).
 */
class MinuteWindowsTest {
    private static final Duration LATENESS = Duration.ofMinutes(2);
    private static final OutputTag<MinuteTally> LATE = new OutputTag<>("late") {};
    private static final long T0 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
    private static final KeySelector<MinuteTally, String> CELL = MinuteTally::cell;

    private static KeyedOneInputStreamOperatorTestHarness<String, MinuteTally, RuleMinute> harness() throws Exception {
        WindowOperatorBuilder<MinuteTally, String, TimeWindow> windows = new WindowOperatorBuilder<>(
                TumblingEventTimeWindows.of(RuleAggregates.MINUTE), EventTimeTrigger.create(), new ExecutionConfig(),
                TypeInformation.of(MinuteTally.class), CELL, Types.STRING);
        windows.allowedLateness(LATENESS);
        windows.sideOutputLateData(LATE);
        OneInputStreamOperator<MinuteTally, RuleMinute> operator =
                windows.aggregate(new MergeTallies<>(MinuteTally::new), new EmitMinuteDeltas(), TypeInformation.of(MinuteTally.class));
        return new KeyedOneInputStreamOperatorTestHarness<>(operator, CELL, Types.STRING);
    }

    private static RuleMatch match(String mentionId, long secondsAfterTen, long reach, String emotion) {
        RuleMatch m = new RuleMatch();
        m.ruleId = "acme";
        m.mentionId = mentionId;
        m.publishedAt = Instant.ofEpochMilli(T0 + secondsAfterTen * 1000);
        m.network = "mastodon";
        m.lang = "en";
        m.sentiment = "negative";
        m.emotion = emotion;
        m.reach = reach;
        m.author = "author-of-" + mentionId;
        return m;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, MinuteTally, RuleMinute> h, RuleMatch m) throws Exception {
        MinuteTally one = new MinuteTally();
        one.add(m);
        h.processElement(one, m.publishedAt.toEpochMilli());
    }

    private static List<String> rows(KeyedOneInputStreamOperatorTestHarness<String, MinuteTally, RuleMinute> h) {
        return h.extractOutputValues().stream()
                .map(r -> r.minute.toString().substring(11, 16) + " mentions " + r.mentions + " reach " + r.reach
                        + " anger " + r.emotions[List.of(Emotions.LABELS).indexOf("anger")])
                .toList();
    }

    @Test
    void theFirstFiringWritesTheTallyAndEachLateMentionOnlyWhatItAdds() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, match("m:1", 10, 100, "anger"));
            send(h, match("m:2", 50, 200, "joy"));
            send(h, match("m:3", 70, 5, "anger")); // the next minute
            assertThat(rows(h)).as("nothing before the watermark passes the minute").isEmpty();

            h.processWatermark(T0 + 60_000 - 1);
            assertThat(rows(h)).containsExactly("10:00 mentions 2 reach 300 anger 1");

            send(h, match("m:4", 30, 1_000, "anger")); // late, within the allowed lateness: a delta
            assertThat(rows(h)).containsExactly("10:00 mentions 2 reach 300 anger 1", "10:00 mentions 1 reach 1000 anger 1");

            h.processWatermark(T0 + 60_000 + LATENESS.toMillis()); // past the lateness of 10:00, and past 10:01
            send(h, match("m:5", 40, 7, "joy")); // later still: aside, counted on its own downstream
            assertThat(rows(h)).containsExactly("10:00 mentions 2 reach 300 anger 1", "10:00 mentions 1 reach 1000 anger 1",
                    "10:01 mentions 1 reach 5 anger 1");
            assertThat(h.getSideOutput(LATE)).extracting(StreamRecord::getValue).extracting(t -> t.authors).containsExactly(List.of("author-of-m:5"));
            // However the windows fired, the rows add up to every mention in time.
            assertThat(h.extractOutputValues().stream().mapToLong(r -> r.mentions).sum()).isEqualTo(4);
        }
    }

    @Test
    void aRestoredWindowWritesOnlyWhatCameAfterItsLastFiring() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            send(h, match("m:1", 10, 100, "anger"));
            h.processWatermark(T0 + 60_000 - 1);
            assertThat(rows(h)).containsExactly("10:00 mentions 1 reach 100 anger 1");
            snapshot = h.snapshot(1L, T0 + 60_000);
        }
        try (var h = harness()) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            send(h, match("m:2", 20, 10, "joy")); // a mention for 10:00 after the restart
            assertThat(rows(h)).as("a watermark is not state: the window waits for the next one").isEmpty();
            h.processWatermark(T0 + 60_000);
            assertThat(rows(h)).containsExactly("10:00 mentions 1 reach 10 anger 0");
        }
    }
}
