package org.earshot.pipeline.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        return harness(TypeInformation.of(MinuteTally.class));
    }

    /** The windows with {@code tallies} as the type of what they keep and are sent. */
    private static KeyedOneInputStreamOperatorTestHarness<String, MinuteTally, RuleMinute> harness(TypeInformation<MinuteTally> tallies)
            throws Exception {
        WindowOperatorBuilder<MinuteTally, String, TimeWindow> windows = new WindowOperatorBuilder<>(
                TumblingEventTimeWindows.of(RuleAggregates.MINUTE), EventTimeTrigger.create(), new ExecutionConfig(), tallies, CELL,
                Types.STRING);
        windows.allowedLateness(LATENESS);
        windows.sideOutputLateData(LATE);
        OneInputStreamOperator<MinuteTally, RuleMinute> operator = windows.aggregate(new MergeTallies<>(MinuteTally::new), new EmitMinuteDeltas(), tallies);
        return new KeyedOneInputStreamOperatorTestHarness<>(operator, CELL, Types.STRING);
    }

    private static StateBackend stateBackend(String name) {
        return name.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    }

    /** Tallies as Flink's POJO serializer wrote them into checkpoints before {@link MinuteTallySerializer}. */
    private static TypeInformation<MinuteTally> asPojo() {
        return Types.POJO(MinuteTally.class, Map.of("ruleId", Types.STRING, "network", Types.STRING, "lang", Types.STRING,
                "sentiment", Types.STRING, "mentions", Types.LONG, "reach", Types.LONG,
                "emotions", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO, "authors", Types.LIST(Types.STRING)));
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
                        + " anger " + r.emotions[List.of(Emotions.LABELS).indexOf("anger")] + " authors " + r.authors.size())
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
            assertThat(rows(h)).containsExactly("10:00 mentions 2 reach 300 anger 1 authors 2");

            send(h, match("m:4", 30, 1_000, "anger")); // late, within the allowed lateness: a delta
            assertThat(rows(h)).containsExactly("10:00 mentions 2 reach 300 anger 1 authors 2", "10:00 mentions 1 reach 1000 anger 1 authors 3");

            h.processWatermark(T0 + 60_000 + LATENESS.toMillis()); // past the lateness of 10:00, and past 10:01
            send(h, match("m:5", 40, 7, "joy")); // later still: aside, counted on its own downstream
            assertThat(rows(h)).containsExactly("10:00 mentions 2 reach 300 anger 1 authors 2", "10:00 mentions 1 reach 1000 anger 1 authors 3",
                    "10:01 mentions 1 reach 5 anger 1 authors 1");
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
            assertThat(rows(h)).containsExactly("10:00 mentions 1 reach 100 anger 1 authors 1");
            snapshot = h.snapshot(1L, T0 + 60_000);
        }
        try (var h = harness()) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            send(h, match("m:2", 20, 10, "joy")); // a mention for 10:00 after the restart
            assertThat(rows(h)).as("a watermark is not state: the window waits for the next one").isEmpty();
            h.processWatermark(T0 + 60_000);
            assertThat(rows(h)).containsExactly("10:00 mentions 1 reach 10 anger 0 authors 2");
        }
    }

    /**
     * A checkpoint taken before {@link MinuteTallySerializer} holds its windows as POJOs: the restored job reads them,
     * fires them whole, and its own next checkpoint writes them anew and restores again; on the heap, and on RocksDB,
     * which rewrites every stored window on restore.
     */
    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void windowsWrittenAsPojosBeforeTheirOwnSerializerAreRestored(String backend) throws Exception {
        OperatorSubtaskState written;
        try (var h = harness(asPojo())) {
            h.setStateBackend(stateBackend(backend));
            h.open();
            send(h, match("m:1", 10, 100, "anger"));
            send(h, match("m:2", 20, 50, "joy"));
            written = h.snapshot(1L, T0 + 30_000);
        }
        OperatorSubtaskState rewritten;
        try (var h = harness()) {
            h.setStateBackend(stateBackend(backend));
            h.setup();
            h.initializeState(written);
            h.open();
            send(h, match("m:3", 30, 7, "anger"));
            rewritten = h.snapshot(2L, T0 + 40_000);
        }
        try (var h = harness()) {
            h.setStateBackend(stateBackend(backend));
            h.setup();
            h.initializeState(rewritten);
            h.open();
            h.processWatermark(T0 + 60_000 - 1);
            assertThat(rows(h)).containsExactly("10:00 mentions 3 reach 157 anger 2 authors 3");
            assertThat(h.extractOutputValues().get(0).authors).containsExactly("author-of-m:1", "author-of-m:2", "author-of-m:3");
        }
    }
}
