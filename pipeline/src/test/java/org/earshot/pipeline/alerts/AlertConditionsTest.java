package org.earshot.pipeline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.earshot.pipeline.kafka.EndsAtStart;
import org.earshot.pipeline.kafka.RawRecord;
import org.earshot.pipeline.testing.TestFlink;
import org.earshot.pipeline.types.MentionTypes;
import org.earshot.schemas.Alert;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;
import org.earshot.schemas.MentionBuilder;
import org.earshot.schemas.Notification;
import org.earshot.schemas.Sentiment;
import org.earshot.schemas.Subscription;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every condition on a MiniCluster with a scripted event-time stream: each fires when it should and stays quiet on a
 * flat series. One job runs all the subscriptions, each on rules of its own.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AlertConditionsTest {
    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    static final List<Notification> notifications = new ArrayList<>();
    static final List<Alert> states = new ArrayList<>();
    static final List<Mention> mentions = new ArrayList<>();
    static int next;

    @BeforeAll
    static void run() throws Exception {
        List<Subscription> subs = new ArrayList<>();

        // every match, three at most per notification: seven in a burst go out as 1 (at once), 3 and 3.
        Subscription every = subscription("every", "r-every", "every-match");
        every.condition.maxMentions = 3;
        subs.add(every);
        for (int i = 0; i < 7; i++) add("r-every", T0.plusSeconds(i), "positive");

        // threshold: 5 in a minute. A flat 2 a minute for 10 minutes says nothing; 6 in one minute raise it, and it
        // completes once the window no longer holds 5.
        Subscription flatThreshold = subscription("threshold-flat", "r-threshold-flat", "threshold");
        flatThreshold.condition.count = 5;
        flatThreshold.condition.window = Duration.ofMinutes(1);
        subs.add(flatThreshold);
        Subscription threshold = subscription("threshold", "r-threshold", "threshold");
        threshold.condition.count = 5;
        threshold.condition.window = Duration.ofMinutes(1);
        threshold.condition.sentiment = "negative"; // only negative mentions count
        subs.add(threshold);
        for (int minute = 0; minute < 10; minute++) {
            add("r-threshold-flat", T0.plusSeconds(minute * 60L + 10), "neutral");
            add("r-threshold-flat", T0.plusSeconds(minute * 60L + 40), "neutral");
        }
        for (int i = 0; i < 6; i++) add("r-threshold", T0.plusSeconds(300 + i * 5), "negative");
        for (int i = 0; i < 9; i++) add("r-threshold", T0.plusSeconds(310 + i * 2), "positive"); // filtered out
        add("r-threshold", T0.plusSeconds(600), "negative");

        // volume spike: a minute against the 12 before. 10 a minute (± 2) for 20 minutes is flat; 60 in minute 20 is a spike.
        Subscription flatSpike = subscription("spike-flat", "r-spike-flat", "volume-spike");
        flatSpike.condition.window = Duration.ofMinutes(1);
        subs.add(flatSpike);
        Subscription spike = subscription("spike", "r-spike", "volume-spike");
        spike.condition.window = Duration.ofMinutes(1);
        subs.add(spike);
        for (int minute = 0; minute < 25; minute++) {
            int flat = 10 + (minute % 3) - 1;
            for (int i = 0; i < flat; i++) add("r-spike-flat", T0.plusSeconds(minute * 60L + i * 5), "neutral");
            int n = minute == 20 ? 60 : flat;
            for (int i = 0; i < n; i++) add("r-spike", T0.plusMillis(minute * 60_000L + i * 900L), "neutral");
        }

        // sentiment shift: 50 % negative of at least 10 in 5 minutes. 30 % for 10 minutes is calm; 80 % after is not.
        Subscription shift = subscription("shift", "r-shift", "sentiment-shift");
        shift.condition.window = Duration.ofMinutes(5);
        shift.condition.count = 10;
        shift.condition.negativeShare = 50.0;
        subs.add(shift);
        for (int i = 0; i < 30; i++) add("r-shift", T0.plusSeconds(i * 20L), i % 10 < 3 ? "negative" : "positive");
        for (int i = 0; i < 15; i++) add("r-shift", T0.plusSeconds(660 + i * 10L), i % 5 < 4 ? "negative" : "neutral");

        // digest, hourly on the hour: 5 mentions in the first hour, 8 in the second.
        Subscription digest = subscription("digest", "r-digest", "digest");
        digest.condition.every = "hourly";
        digest.condition.at = "00:00";
        subs.add(digest);
        for (int i = 0; i < 5; i++) add("r-digest", T0.plusSeconds(600 + i * 60L), "positive");
        for (int i = 0; i < 8; i++) add("r-digest", T0.plusSeconds(3_600 + 600 + i * 60L), i < 6 ? "negative" : "positive");

        mentions.sort((a, b) -> a.publishedAt.compareTo(b.publishedAt));
        StreamExecutionEnvironment env = TestFlink.environment();
        List<RawRecord> records = new ArrayList<>();
        for (Subscription s : subs) {
            records.add(new RawRecord(Topics.SUBSCRIPTIONS.name(), 0, records.size(), 0, s.id.getBytes(StandardCharsets.UTF_8),
                    Topics.SUBSCRIPTIONS.serialize(s)));
        }
        DataStream<RawRecord> subscriptionRecords = env.fromData(records.toArray(RawRecord[]::new));
        DataStream<Mention> matched = env.fromData(MentionTypes.MENTION, mentions.toArray(Mention[]::new))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Mention>forMonotonousTimestamps()
                        .withTimestampAssigner((m, ts) -> m.publishedAt.toEpochMilli()));
        Alerts.Evaluated evaluated = Alerts.evaluate(matched, subscriptionRecords, EndsAtStart.records(records.size()));
        DataStream<String> out = evaluated.notifications().map(n -> "N" + Json.toString(n)).returns(Types.STRING)
                .union(evaluated.states().map(a -> "A" + Json.toString(a)).returns(Types.STRING));
        try (CloseableIterator<String> it = out.executeAndCollect("alert conditions")) {
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("N")) notifications.add(Json.mapper().readValue(line.substring(1), Notification.class));
                else states.add(Json.mapper().readValue(line.substring(1), Alert.class));
            }
        }
    }

    @Test
    void everyMatchSendsTheFirstAtOnceThenBatchesOfAtMostN() {
        List<Notification> sent = of("every");
        assertThat(sent).extracting(n -> n.mentions.size()).containsExactly(1, 3, 3);
        assertThat(sent.stream().flatMap(n -> n.mentions.stream()).map(m -> m.id).distinct().count()).isEqualTo(7);
        assertThat(sent).extracting(n -> n.id).doesNotHaveDuplicates().allMatch(id -> id.matches("msg_[0-9a-f]{26}"));
        assertThat(sent.get(1).title).isEqualTo("every: 3 new mentions");
        assertThat(sent).allSatisfy(n -> assertThat(n.channels).hasSize(1));
    }

    @Test
    void thresholdRaisesOnceThenCompletesAndCountsOnlyWhatItsFilterKeeps() {
        List<Notification> sent = of("threshold");
        assertThat(sent).extracting(n -> n.state).containsExactly(Alert.ACTIVE, Alert.COMPLETED);
        assertThat(sent.get(0).figures.get("mentions")).isEqualTo(6.0); // judged every 10 s: 4 at 05:20, all 6 at 05:30
        assertThat(sent.get(0).summary).contains("mentions in 1 minute (threshold 5)");
        assertThat(sent.get(0).alertId).isEqualTo(sent.get(1).alertId);
        assertThat(states.stream().filter(a -> a.subscriptionId.equals("threshold")).map(a -> a.state)).containsExactly(Alert.ACTIVE, Alert.COMPLETED);
        assertThat(of("threshold-flat")).isEmpty();
    }

    @Test
    void volumeSpikeFiresOnTheSurgeAndStaysQuietOnAFlatSeries() {
        List<Notification> sent = of("spike");
        assertThat(sent).isNotEmpty();
        Notification raised = sent.get(0);
        assertThat(raised.state).isEqualTo(Alert.ACTIVE);
        assertThat(raised.windowEnd).isAfter(T0.plusSeconds(20 * 60)).isBeforeOrEqualTo(T0.plusSeconds(21 * 60));
        assertThat(raised.figures.get("baseline")).isBetween(9.0, 11.0);
        assertThat(raised.figures.get("mentions")).isGreaterThan(raised.figures.get("limit"));
        assertThat(sent).extracting(n -> n.state).containsExactly(Alert.ACTIVE, Alert.COMPLETED);
        assertThat(of("spike-flat")).isEmpty();
    }

    @Test
    void sentimentShiftFiresWhenTheNegativeShareCrossesItsLine() {
        List<Notification> sent = of("shift");
        assertThat(sent).isNotEmpty();
        assertThat(sent.get(0).state).isEqualTo(Alert.ACTIVE);
        assertThat(sent.get(0).windowEnd).isAfter(T0.plusSeconds(660));
        assertThat(sent.get(0).figures.get("negativeShare")).isGreaterThanOrEqualTo(50.0);
        assertThat(sent.get(0).figures.get("mentions")).isGreaterThanOrEqualTo(10.0);
    }

    @Test
    void digestSumsUpEachHourAgainstTheOneBefore() {
        List<Notification> sent = of("digest");
        assertThat(sent).extracting(n -> n.windowEnd).containsExactly(T0.plusSeconds(3_600), T0.plusSeconds(7_200));
        assertThat(sent.get(0).figures).containsEntry("mentions", 5.0).containsEntry("positive", 5.0);
        assertThat(sent.get(1).figures).containsEntry("mentions", 8.0).containsEntry("previous", 5.0).containsEntry("negative", 6.0);
        assertThat(sent.get(1).summary).startsWith("8 mentions (+60% on the period before)");
        assertThat(sent.get(1).terms).isNotEmpty();
        assertThat(sent.get(1).terms.get(0).previous).isEqualTo(5); // the same words both hours
        assertThat(sent.get(1).mentions).hasSizeLessThanOrEqualTo(5);
    }

    private static List<Notification> of(String subscription) {
        return notifications.stream().filter(n -> n.subscriptionId.equals(subscription)).toList();
    }

    static Subscription subscription(String id, String rule, String type) {
        Subscription s = new Subscription();
        s.id = id;
        s.rules = List.of(rule);
        s.condition = new Subscription.Condition(type);
        Subscription.Channel hook = new Subscription.Channel("webhook", "https://hooks.example.com/" + id);
        hook.secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        s.channels = List.of(hook);
        return s;
    }

    static void add(String rule, Instant at, String sentiment) {
        Mention m = MentionBuilder.post("m-" + next++).text("aurora battery news " + rule).at(at.toString()).by("ann", 100).build();
        m.ruleIds = new ArrayList<>(List.of(rule));
        m.sentiment = new Sentiment(sentiment, 0.9);
        m.reach = 100L + next;
        m.fetchedAt = at;
        mentions.add(m);
    }
}
