package org.earshot.pipeline.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SumByMinute}: matches summed per rule's cell and minute, a minute sent before the watermark that closes
 * it (and not before), everything held sent before a checkpoint's barrier and at the end, and the sums whole; terms
 * summed per rule, and a late tally of terms written as its own rows.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SumByMinuteTest {
    private static final long T0 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();

    private static RuleMatch match(String rule, String sentiment, long secondsAfterTen, long reach, String emotion, String author) {
        RuleMatch m = new RuleMatch();
        m.ruleId = rule;
        m.mentionId = rule + "@" + secondsAfterTen;
        m.publishedAt = Instant.ofEpochMilli(T0 + secondsAfterTen * 1000);
        m.network = "mastodon";
        m.lang = "en";
        m.sentiment = sentiment;
        m.emotion = emotion;
        m.reach = reach;
        m.author = author;
        return m;
    }

    private static void send(OneInputStreamOperatorTestHarness<RuleMatch, MinuteTally> h, RuleMatch m) throws Exception {
        h.processElement(m, m.publishedAt.toEpochMilli());
    }

    /** Each record out as "minute rule sentiment mentions reach anger authors", and each watermark as "watermark T". */
    private static List<String> out(OneInputStreamOperatorTestHarness<RuleMatch, MinuteTally> h) {
        return h.getOutput().stream().map(o -> {
            if (o instanceof Watermark w) return "watermark " + Instant.ofEpochMilli(w.getTimestamp()).toString().substring(11, 19);
            @SuppressWarnings("unchecked")
            StreamRecord<MinuteTally> r = (StreamRecord<MinuteTally>) o;
            MinuteTally t = r.getValue();
            return Instant.ofEpochMilli(r.getTimestamp()).toString().substring(11, 16) + " " + t.ruleId + " " + t.sentiment + " "
                    + t.mentions + " " + t.reach + " " + Emotions.at(t.emotions, Emotions.index("anger")) + " " + t.authors;
        }).sorted().toList();
    }

    @Test
    void aMinuteGoesOutSummedPerCellBeforeTheWatermarkThatClosesIt() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new SumByMinute<RuleMatch, MinuteTally>(RuleMatch::cell, MinuteTally::new))) {
            h.open();
            send(h, match("acme", "negative", 10, 100, "anger", "ann"));
            send(h, match("acme", "negative", 50, 200, "joy", "bob"));
            send(h, match("acme", "negative", 55, 1, "anger", "ann"));
            send(h, match("acme", "positive", 20, 5, "joy", "cy"));
            send(h, match("globex", "negative", 30, 7, "none", ""));
            send(h, match("acme", "negative", 70, 9, "anger", "dee")); // 10:01
            h.processWatermark(T0 + 60_000 - 2);
            assertThat(out(h)).as("10:00 is still open one millisecond before its end").containsExactly("watermark 10:00:59");

            h.getOutput().clear();
            h.processWatermark(T0 + 60_000 - 1);
            assertThat(out(h)).containsExactly(
                    "10:00 acme negative 3 301 2 [ann, bob]",
                    "10:00 acme positive 1 5 0 [cy]",
                    "10:00 globex negative 1 7 0 []",
                    "watermark 10:00:59");
            assertThat(h.getOutput().peek()).as("the partials go out before the watermark").isInstanceOf(StreamRecord.class);

            h.getOutput().clear();
            h.prepareSnapshotPreBarrier(1L);
            assertThat(out(h)).as("nothing is held across a checkpoint").containsExactly("10:01 acme negative 1 9 1 [dee]");
        }
    }

    @Test
    void whatIsHeldGoesOutAtTheEndAndNothingIsLost() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new SumByMinute<RuleMatch, MinuteTally>(RuleMatch::cell, MinuteTally::new))) {
            h.open();
            h.processWatermark(Long.MIN_VALUE);
            for (int i = 0; i < 500; i++) send(h, match("rule-" + i % 7, "neutral", i, i, "none", "a" + i % 3));
            assertThat(h.extractOutputValues()).isEmpty();
            h.getOneInputOperator().finish();
            List<MinuteTally> partials = h.extractOutputValues();
            assertThat(partials).as("7 rules in each of 9 minutes (500 s)").hasSize(63);
            assertThat(partials.stream().mapToLong(t -> t.mentions).sum()).isEqualTo(500);
            assertThat(partials.stream().mapToLong(t -> t.reach).sum()).isEqualTo(499 * 500 / 2);
        }
    }

    @Test
    void termsAreCountedPerRuleAndALateTallyIsWrittenAsItsRows() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new SumByMinute<RuleTerms, TermTally>(rt -> rt.ruleId, TermTally::new))) {
            h.open();
            for (String rule : List.of("acme", "acme", "globex")) {
                RuleTerms rt = new RuleTerms();
                rt.ruleId = rule;
                rt.publishedAt = Instant.ofEpochMilli(T0 + 5_000);
                rt.terms = List.of("launch", "rocket");
                rt.hashtags = List.of("#acme");
                h.processElement(rt, rt.publishedAt.toEpochMilli());
            }
            h.processWatermark(T0 + 60_000 - 1);
            List<TermTally> partials = h.extractOutputValues();
            assertThat(partials).extracting(t -> t.ruleId + " " + new TreeMap<>(t.terms) + " " + t.hashtags)
                    .containsExactlyInAnyOrder("acme {launch=2, rocket=2} {#acme=2}", "globex {launch=1, rocket=1} {#acme=1}");

            TermTally acme = partials.stream().filter(t -> t.ruleId.equals("acme")).findFirst().orElseThrow();
            assertThat(RuleTermCount.of(acme, Instant.ofEpochMilli(T0 + 120_000)))
                    .extracting(r -> r.hour + " " + r.kind + " " + r.term + " " + r.count)
                    .containsExactlyInAnyOrder("2026-01-01T10:00:00Z term launch 2", "2026-01-01T10:00:00Z term rocket 2",
                            "2026-01-01T10:00:00Z hashtag #acme 2");
        }
    }
}
