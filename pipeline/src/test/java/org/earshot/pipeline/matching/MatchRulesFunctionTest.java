package org.earshot.pipeline.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.earshot.schemas.Mention;
import org.earshot.schemas.MentionBuilder;
import org.junit.jupiter.api.Test;

/** The matcher as Flink runs it, one operator in a test harness: broadcast rules, held mentions, snapshot and restore. */
class MatchRulesFunctionTest {
    private static final long KAFKA_TIME = 1_767_225_600_000L;

    private static BroadcastOperatorTestHarness<Mention, RuleUpdate, Mention> harness(Map<Integer, Long> ends) throws Exception {
        return ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new MatchRulesFunction(RulesAtStart.fixed(ends)),
                MatchRulesFunction.RULES, MatchRulesFunction.RULES_READ);
    }

    /** A matcher restarted from {@code snapshot}, seeing the rules topic end at {@code ends}. */
    private static BroadcastOperatorTestHarness<Mention, RuleUpdate, Mention> restored(Map<Integer, Long> ends, OperatorSubtaskState snapshot)
            throws Exception {
        var h = new BroadcastOperatorTestHarness<>(new CoBroadcastWithNonKeyedOperator<>(new MatchRulesFunction(RulesAtStart.fixed(ends)),
                List.of(MatchRulesFunction.RULES, MatchRulesFunction.RULES_READ)), 1, 1, 0);
        h.setup();
        h.initializeState(snapshot);
        h.open();
        return h;
    }

    private static Mention mention(String id, String text, String publishedAt) {
        return MentionBuilder.post(id).text(text).at(publishedAt).build();
    }

    /** What came out: each mention's id, its rules and its timestamp. */
    private static List<String> out(BroadcastOperatorTestHarness<Mention, RuleUpdate, Mention> h) {
        return h.getOutput().stream().filter(StreamRecord.class::isInstance).map(r -> (StreamRecord<?>) r)
                .map(r -> ((Mention) r.getValue()).id + " " + ((Mention) r.getValue()).ruleIds + " @" + r.getTimestamp()).toList();
    }

    @Test
    void mentionsWaitUntilTheRulesThatExistedAtStartAreRead() throws Exception {
        try (var h = harness(Map.of(0, 3L))) {
            h.processElement(mention("m:1", "acme is down again", "2026-01-01T00:00:10Z"), KAFKA_TIME);
            h.processBroadcastElement(RuleUpdate.put("acme", "acme").at(0, 0), KAFKA_TIME);
            h.processBroadcastElement(RuleUpdate.skip().at(0, 1), KAFKA_TIME); // a refused record still counts as read
            assertThat(out(h)).as("one record of the rules is still to come").isEmpty();

            h.processBroadcastElement(RuleUpdate.put("down", "down OR outage").at(0, 2), KAFKA_TIME + 99_000);
            assertThat(out(h)).as("released with its own event time, not the rule's")
                    .containsExactly("m:1 [acme, down] @" + java.time.Instant.parse("2026-01-01T00:00:10Z").toEpochMilli());

            h.processElement(mention("m:2", "acme works fine", "2026-01-01T00:00:20Z"), KAFKA_TIME + 1);
            assertThat(out(h)).hasSize(2).last().isEqualTo("m:2 [acme] @" + (KAFKA_TIME + 1));
        }
    }

    @Test
    void anEmptyRulesTopicHoldsNothing() throws Exception {
        try (var h = harness(Map.of())) {
            h.processElement(mention("m:1", "acme", "2026-01-01T00:00:10Z"), KAFKA_TIME);
            assertThat(out(h)).containsExactly("m:1 [] @" + KAFKA_TIME);
        }
    }

    @Test
    void changesApplyAsTheyArrive() throws Exception {
        try (var h = harness(Map.of(0, 1L))) {
            h.processBroadcastElement(RuleUpdate.put("acme", "acme").at(0, 0), KAFKA_TIME);
            h.processElement(mention("m:1", "acme battery", "2026-01-01T00:00:10Z"), KAFKA_TIME);
            h.processBroadcastElement(RuleUpdate.put("acme", "acme AND refund").at(0, 1), KAFKA_TIME);
            h.processElement(mention("m:2", "acme battery", "2026-01-01T00:00:11Z"), KAFKA_TIME);
            h.processElement(mention("m:3", "acme refund please", "2026-01-01T00:00:12Z"), KAFKA_TIME);
            h.processBroadcastElement(RuleUpdate.delete("acme").at(0, 2), KAFKA_TIME);
            h.processElement(mention("m:4", "acme refund please", "2026-01-01T00:00:13Z"), KAFKA_TIME);
            assertThat(out(h)).extracting(s -> s.substring(0, s.indexOf(" @")))
                    .containsExactly("m:1 [acme]", "m:2 []", "m:3 [acme]", "m:4 []");
            assertThat(h.getBroadcastState(MatchRulesFunction.RULES).immutableEntries()).isEmpty();
        }
    }

    @Test
    void heldMentionsAndTheRulesReadSurviveARestoreAndTheMatcherIsRebuilt() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(Map.of(0, 2L))) {
            h.processBroadcastElement(RuleUpdate.put("acme", "acme").at(0, 0), KAFKA_TIME);
            h.processElement(mention("m:1", "acme is down", "2026-01-01T00:00:10Z"), KAFKA_TIME);
            assertThat(out(h)).isEmpty();
            snapshot = h.snapshot(1L, KAFKA_TIME);
        }
        // The restarted job's source resumes after offset 0: the next rule record is offset 1.
        try (var h = restored(Map.of(0, 2L), snapshot)) {
            h.processBroadcastElement(RuleUpdate.put("down", "down").at(0, 1), KAFKA_TIME);
            assertThat(out(h)).extracting(s -> s.substring(0, s.indexOf(" @")))
                    .as("the held mention, matched by the restored rule and the new one").containsExactly("m:1 [acme, down]");
            h.processElement(mention("m:2", "acme", "2026-01-01T00:00:20Z"), KAFKA_TIME);
            assertThat(out(h)).hasSize(2).last().asString().startsWith("m:2 [acme]");
        }
    }

    @Test
    void aMatcherRestartedWhenTheRulesGrewWaitsForTheNewOnes() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(Map.of(0, 1L))) {
            h.processBroadcastElement(RuleUpdate.put("acme", "acme").at(0, 0), KAFKA_TIME);
            h.processElement(mention("m:1", "acme", "2026-01-01T00:00:10Z"), KAFKA_TIME);
            assertThat(out(h)).hasSize(1);
            snapshot = h.snapshot(1L, KAFKA_TIME);
        }
        // While the job was down an analyst added a rule: the topic now ends after offset 1.
        try (var h = restored(Map.of(0, 2L), snapshot)) {
            h.processElement(mention("m:2", "acme outage", "2026-01-01T00:00:20Z"), KAFKA_TIME);
            assertThat(out(h)).isEmpty();
            h.processBroadcastElement(RuleUpdate.put("outage", "outage").at(0, 1), KAFKA_TIME);
            assertThat(out(h)).extracting(s -> s.substring(0, s.indexOf(" @"))).containsExactly("m:2 [acme, outage]");
        }
    }
}
