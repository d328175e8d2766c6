package org.earshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.pipeline.alerts.AlertsOptions;
import org.earshot.pipeline.alerts.SubscriptionCheck;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.pipeline.kafka.CompactedTopic;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.pipeline.testing.EarshotClickHouse;
import org.earshot.pipeline.testing.EarshotKafka;
import org.earshot.pipeline.testing.WebhookReceiver;
import org.earshot.schemas.Alert;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;
import org.earshot.schemas.MentionBuilder;
import org.earshot.schemas.Rule;
import org.earshot.schemas.Subscription;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyword alerts through the Listen job's real wiring, a real broker and ClickHouse, with a job stopped mid-stream
 * and resumed from its checkpoint: no matched mention goes unreported and none is reported in two notifications; a
 * notification delivered again carries its id again. The receiver checks every signature with the Standard Webhooks
 * JavaScript library.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class AlertsEndToEndTest {
    private static final int COUNT = 3_000;
    private static final String SECRET = SubscriptionCheck.newSecret();

    @TempDir
    Path dir;
    @RegisterExtension
    final EarshotKafka kafka = new EarshotKafka();
    /** Merges off: an alert state stored twice stays two rows. */
    @RegisterExtension
    final EarshotClickHouse clickhouse = new EarshotClickHouse().keepingEveryRow("alerts");

    @Test
    void aStopMidStreamLosesNoNotificationAndReportsNoMentionTwice() throws Exception {
        TopicAdmin.ensureTopics(kafka.settings(), 1, Topics.all());
        KafkaTestClient client = new KafkaTestClient(kafka.settings());
        new RulesTopic(kafka.settings()).put(new Rule("aurora", "aurora", "Aurora", Instant.now()));
        Instant base = Instant.now().minus(Duration.ofMinutes(10));
        List<Mention> mentions = new ArrayList<>();
        Set<String> matching = new HashSet<>();
        for (int i = 0; i < COUNT; i++) {
            boolean aurora = i % 2 == 0;
            String id = "mastodon:" + i;
            mentions.add(MentionBuilder.post(id).by("user" + (i % 50), 10 + i)
                    .text((aurora ? "aurora" : "nimbus") + " report " + i + " on battery " + Integer.toHexString(i * 7919))
                    .at(base.plusMillis(i * 150L).toString()).build());
            if (aurora) matching.add(id);
        }

        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, "ok")) {
            CompactedTopic<Subscription> subscriptions = new CompactedTopic<>(kafka.settings(), Topics.SUBSCRIPTIONS);
            subscriptions.put("every", everyMatch(receiver.url()));
            subscriptions.put("surge", threshold(receiver.url()));
            client.produceRecords(Topics.MENTIONS, mentions.subList(0, 1_500));

            JobClient first = start(true);
            awaitRequests(receiver, 10, Duration.ofMinutes(3));
            Thread producer = new Thread(() -> client.produceRecords(Topics.MENTIONS, mentions.subList(1_500, 2_200)));
            producer.start();
            Thread.sleep(300);
            LocalFlink.cancel(first, Duration.ofMinutes(1)); // stopped while mentions flow; its last checkpoint is kept
            producer.join();
            int beforeRestart = receiver.requests().size();
            assertThat(reported(receiver, "every")).as("stopped mid-stream").hasSizeLessThan(matching.size());

            client.produceRecords(Topics.MENTIONS, mentions.subList(2_200, COUNT));
            JobClient second = start(false);
            try {
                long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
                while (reported(receiver, "every").size() < matching.size() && System.nanoTime() < deadline) Thread.sleep(200);
                Checkpoints.awaitMore(dir.resolve("checkpoints"), 3, Duration.ofMinutes(1)); // anything extra shows up now

                assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.path("verified").asBoolean()).as(r.path("error").asText()).isTrue());
                Map<String, List<JsonNode>> byId = new HashMap<>();
                for (JsonNode r : receiver.requests()) byId.computeIfAbsent(r.path("id").asText(), k -> new ArrayList<>()).add(r);
                // A repeat carries its notification again, byte for byte but for its timestamp, under the same id.
                for (List<JsonNode> repeats : byId.values()) {
                    assertThat(repeats.stream().map(r -> data(r).toString()).distinct()).hasSize(1);
                }
                List<String> everyMatchMentions = new ArrayList<>();
                for (List<JsonNode> repeats : byId.values()) {
                    JsonNode data = data(repeats.get(0));
                    if (data.path("subscriptionId").asText().equals("every")) data.path("mentions").forEach(m -> everyMatchMentions.add(m.path("id").asText()));
                }
                assertThat(everyMatchMentions).as("no mention in two notifications").doesNotHaveDuplicates();
                assertThat(new HashSet<>(everyMatchMentions)).as("every matched mention reported").isEqualTo(matching);
                System.out.printf("%d requests for %d notifications (%d before the restart)%n", receiver.requests().size(), byId.size(), beforeRestart);

                // Every state once in ClickHouse and on earshot.alerts: each every-match notification is an ACTIVE alert.
                long everyNotifications = byId.values().stream().filter(r -> data(r.get(0)).path("subscriptionId").asText().equals("every")).count();
                assertThat(query("SELECT count() FROM alerts WHERE subscription_id = 'every'")).isEqualTo(everyNotifications);
                assertThat(query("SELECT uniqExact(alert_id) FROM alerts WHERE subscription_id = 'every'")).isEqualTo(everyNotifications);
                assertThat(query("SELECT countIf(state = 'ACTIVE') FROM alerts WHERE subscription_id = 'surge'")).isPositive();
                List<Alert> states = client.readAll(Topics.ALERTS, l -> l.size() >= everyNotifications, Duration.ofMinutes(1), Duration.ofSeconds(2));
                assertThat(states.stream().filter(a -> a.subscriptionId.equals("every")).map(a -> a.alertId)).doesNotHaveDuplicates()
                        .hasSize((int) everyNotifications);
            } finally {
                LocalFlink.cancel(second, Duration.ofMinutes(1));
            }
        }
    }

    private JobClient start(boolean fresh) throws Exception {
        ClickHouseSinkOptions sink = clickhouse.sink();
        Migrations.apply(sink);
        ListenOptions options = new ListenOptions(kafka.settings(), "alerts-e2e", Duration.ofMillis(500), Duration.ofHours(1), 100_000,
                Duration.ofSeconds(30)).withClickHouse(sink)
                .withAlerts(AlertsOptions.defaults().withDelivery(5, Duration.ofMillis(200), Duration.ofSeconds(5)).withRate(6_000)); // one receiver for all
        StreamExecutionEnvironment env = LocalFlink.environment(dir.resolve("checkpoints"), options.checkpointInterval(), 1, fresh);
        ListenJob.attach(env, options);
        return env.executeAsync(ListenJob.NAME);
    }

    private static Subscription everyMatch(String url) {
        Subscription s = subscription("every", url, "every-match");
        s.condition.maxMentions = 20;
        s.condition.window = Duration.ofSeconds(2);
        return s;
    }

    private static Subscription threshold(String url) {
        Subscription s = subscription("surge", url, "threshold");
        s.condition.count = 100;
        s.condition.window = Duration.ofMinutes(1);
        return s;
    }

    private static Subscription subscription(String id, String url, String type) {
        Subscription s = new Subscription();
        s.id = id;
        s.rules = List.of("aurora");
        s.condition = new Subscription.Condition(type);
        Subscription.Channel hook = new Subscription.Channel("webhook", url);
        hook.secret = SECRET;
        hook.allowPrivate = true;
        s.channels = List.of(hook);
        return s;
    }

    private static JsonNode data(JsonNode request) {
        try {
            return Json.mapper().readTree(request.path("body").asText()).path("data");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The mentions reported to the subscription, each notification counted once however often it came. */
    private static Set<String> reported(WebhookReceiver receiver, String subscription) {
        Set<String> seen = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode r : receiver.requests()) {
            if (!ids.add(r.path("id").asText())) continue;
            JsonNode data = data(r);
            if (data.path("subscriptionId").asText().equals(subscription)) data.path("mentions").forEach(m -> seen.add(m.path("id").asText()));
        }
        return seen;
    }

    private static void awaitRequests(WebhookReceiver receiver, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (receiver.requests().size() < count) {
            if (System.nanoTime() > deadline) throw new AssertionError("only " + receiver.requests().size() + " requests arrived");
            Thread.sleep(100);
        }
    }

    private long query(String sql) throws Exception {
        return clickhouse.server().queryLong(sql);
    }
}
