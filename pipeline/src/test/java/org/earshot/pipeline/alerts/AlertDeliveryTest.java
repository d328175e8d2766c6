package org.earshot.pipeline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.earshot.pipeline.kafka.RawRecord;
import org.earshot.pipeline.testing.TestFlink;
import org.earshot.pipeline.mail.Mailer;
import org.earshot.pipeline.testing.WebhookReceiver;
import org.earshot.schemas.Alert;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Json;
import org.earshot.schemas.Notification;
import org.earshot.schemas.Subscription.Channel;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Delivery on a MiniCluster against real receivers: a webhook receiver that checks signatures with the Standard
 * Webhooks JavaScript library, an HTTP server standing in for Slack and Teams, and an SMTP server (GreenMail).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AlertDeliveryTest {
    static final String SECRET = SubscriptionCheck.newSecret();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final AlertsOptions FAST = AlertsOptions.defaults().withDelivery(3, Duration.ofMillis(100), Duration.ofSeconds(2))
            .withLinks("http://127.0.0.1:8080", "link-key");

    @Test
    void webhooksAreSignedAsTheStandardSaysAndEveryRetryKeepsItsId() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, "fail:2")) {
            Notification n = notification("n1", webhook(receiver.url(), true));
            Delivered d = deliver(FAST, n);
            assertThat(d.outcomes).singleElement().satisfies(o -> {
                assertThat(o.delivered).isTrue();
                assertThat(o.attempts).isEqualTo(3);
            });
            assertThat(receiver.requests()).hasSize(3).allSatisfy(r -> {
                assertThat(r.path("verified").asBoolean()).as(r.path("error").asText()).isTrue();
                assertThat(r.path("id").asText()).isEqualTo(n.id);
            });
            JsonNode event = Json.mapper().readTree(receiver.requests().get(2).path("body").asText());
            assertThat(event.path("type").asText()).isEqualTo("alert.raised");
            assertThat(event.path("data").path("alertId").asText()).isEqualTo(n.alertId);
            assertThat(event.path("data").has("channels")).as("the secret stays home").isFalse();
            assertThat(event.path("data").path("acknowledgeUrl").asText()).startsWith("http://127.0.0.1:8080/#ack=");
            assertThat(d.errors).isEmpty();
            assertThat(d.deadLetters).isEmpty();
        }
    }

    @Test
    void aReceiverThatKeepsFailingGetsItsRetriesThenAnErrorAndADeadLetter() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, "always:500")) {
            Notification n = notification("n2", webhook(receiver.url(), true));
            Delivered d = deliver(FAST, n);
            assertThat(receiver.requests()).hasSize(3).extracting(r -> r.path("id").asText()).containsOnly(n.id);
            assertThat(d.errors).singleElement().satisfies(a -> {
                assertThat(a.state).isEqualTo(Alert.ERROR);
                assertThat(a.alertId).isEqualTo(n.alertId);
                assertThat(a.details).contains("HTTP 500").contains("after 3 attempts");
            });
            assertThat(d.deadLetters).singleElement().satisfies(l -> {
                assertThat(l.stage).isEqualTo("alerts");
                assertThat(l.reason).contains("webhook " + receiver.url()).contains("HTTP 500");
                assertThat(l.sourceTopic).isEqualTo(Topics.NOTIFICATIONS.name());
            });
        }
    }

    @Test
    void aPrivateAddressIsRefusedUnlessTheChannelAllowsIt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, "ok")) {
            Delivered d = deliver(FAST, notification("n3", webhook(receiver.url(), false)));
            assertThat(receiver.requests()).isEmpty();
            assertThat(d.outcomes).singleElement().satisfies(o -> {
                assertThat(o.delivered).isFalse();
                assertThat(o.attempts).as("a refusal is not retried").isEqualTo(1);
                assertThat(o.error).contains("loopback");
            });
        }
    }

    @Test
    void aSlowReceiverHoldsUpNoOtherChannel() throws Exception {
        try (WebhookReceiver slow = new WebhookReceiver(SECRET, "slow:4000"); WebhookReceiver fast = new WebhookReceiver(SECRET, "ok")) {
            AlertsOptions options = FAST.withDelivery(1, Duration.ofMillis(100), Duration.ofSeconds(1));
            long start = System.currentTimeMillis();
            Delivered d = deliver(options, notification("slow", webhook(slow.url(), true)), notification("fast", webhook(fast.url(), true)));
            Outcome quick = d.outcomes.stream().filter(o -> o.channel.contains(fast.url())).findFirst().orElseThrow();
            Outcome late = d.outcomes.stream().filter(o -> o.channel.contains(slow.url())).findFirst().orElseThrow();
            assertThat(quick.delivered).isTrue();
            assertThat(late.delivered).isFalse();
            assertThat(late.error).contains("within 1 s");
            assertThat(late.finishedAt - start).as("the slow one was given its second").isGreaterThanOrEqualTo(1_000);
            assertThat(quick.finishedAt).as("the fast one did not wait for the slow one").isLessThan(late.finishedAt);
            assertThat(fast.requests()).hasSize(1);
        }
    }

    @Test
    void slackAndTeamsGetTheirDocumentedShapes() throws Exception {
        Map<String, JsonNode> bodies = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            bodies.put(exchange.getRequestURI().getPath(), Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
            assertThat(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Channel slack = new Channel("slack", base + "/slack");
            slack.allowPrivate = true;
            Channel teams = new Channel("teams", base + "/teams");
            teams.allowPrivate = true;
            Notification n = notification("n4", slack, teams);
            Delivered d = deliver(FAST, n);
            assertThat(d.outcomes).hasSize(2).allMatch(o -> o.delivered);

            JsonNode s = bodies.get("/slack");
            assertThat(s.path("text").asText()).contains(n.title);
            assertThat(s.path("blocks")).extracting(b -> b.path("type").asText()).containsExactly("header", "section", "actions", "context");
            assertThat(s.path("blocks").get(0).path("text").path("type").asText()).isEqualTo("plain_text");
            assertThat(s.path("blocks").get(1).path("text").path("type").asText()).isEqualTo("mrkdwn");
            assertThat(s.path("blocks").get(1).path("text").path("text").asText()).contains("&lt;b&gt; &amp; co").contains("<https://example.com/p/1|open>");
            assertThat(s.path("blocks").get(2).path("elements")).extracting(b -> b.path("url").asText())
                    .containsExactly("http://127.0.0.1:8080/#alerts", AckLinks.link("http://127.0.0.1:8080", "link-key", n.alertId));

            JsonNode t = bodies.get("/teams");
            assertThat(t.path("type").asText()).isEqualTo("message");
            JsonNode attachment = t.path("attachments").get(0);
            assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
            JsonNode card = attachment.path("content");
            assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
            assertThat(card.path("version").asText()).isEqualTo("1.4");
            assertThat(card.path("body")).extracting(b -> b.path("type").asText()).containsExactly("TextBlock", "TextBlock", "FactSet");
            assertThat(card.path("body").get(2).path("facts").get(0).path("title").asText()).isEqualTo("mentions");
            assertThat(card.path("actions")).extracting(a -> a.path("type").asText()).containsOnly("Action.OpenUrl");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void emailHasTextAndHtmlPartsAndAStableMessageId() throws Exception {
        Channel mail = new Channel("email", null);
        mail.to = List.of("analyst@example.com");
        Notification n = notification("n5", mail);
        AlertsOptions options = FAST.withSmtp(new Mailer.Smtp("127.0.0.1", smtp.getSmtp().getPort(), "", "", "earshot@localhost", false));
        Delivered d = deliver(options, n);
        assertThat(d.outcomes).singleElement().satisfies(o -> assertThat(o.delivered).as(o.error).isTrue());
        MimeMessage m = smtp.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("[Earshot] " + n.title);
        assertThat(m.getMessageID()).isEqualTo("<" + n.id + "@earshot>");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Aurora battery").contains("<b> & co");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("&lt;b&gt; &amp; co").contains("Acknowledge");
    }

    // ----

    record Delivered(List<Outcome> outcomes, List<Alert> errors, List<DeadLetter> deadLetters) {}

    static Delivered deliver(AlertsOptions options, Notification... notifications) throws Exception {
        StreamExecutionEnvironment env = TestFlink.environment();
        List<RawRecord> records = new ArrayList<>();
        for (Notification n : notifications) {
            records.add(new RawRecord(Topics.NOTIFICATIONS.name(), 0, records.size(), 0, n.id.getBytes(StandardCharsets.UTF_8),
                    Topics.NOTIFICATIONS.serialize(n)));
        }
        Alerts.Delivered d = Alerts.deliver(env.fromData(records.toArray(RawRecord[]::new)), options);
        DataStream<String> all = d.outcomes().map(o -> "O" + Json.toString(o)).returns(Types.STRING)
                .union(d.errors().map(a -> "E" + Json.toString(a)).returns(Types.STRING),
                        d.deadLetters().map(l -> "D" + Json.toString(l)).returns(Types.STRING));
        Delivered out = new Delivered(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (CloseableIterator<String> it = all.executeAndCollect("deliver")) {
            while (it.hasNext()) {
                String line = it.next();
                String json = line.substring(1);
                switch (line.charAt(0)) {
                    case 'O' -> out.outcomes.add(Json.mapper().readValue(json, Outcome.class));
                    case 'E' -> out.errors.add(Json.mapper().readValue(json, Alert.class));
                    default -> out.deadLetters.add(Json.mapper().readValue(json, DeadLetter.class));
                }
            }
        }
        return out;
    }

    static Channel webhook(String url, boolean allowPrivate) {
        Channel c = new Channel("webhook", url);
        c.secret = SECRET;
        c.allowPrivate = allowPrivate;
        return c;
    }

    static Notification notification(String key, Channel... channels) {
        Notification n = new Notification();
        n.id = Ids.notification(key);
        n.subscriptionId = "aurora-spikes";
        n.subscriptionName = "Aurora spikes";
        n.alertId = "aurora-spikes:volume-spike:" + key;
        n.kind = Conditions.VOLUME_SPIKE;
        n.state = Alert.ACTIVE;
        n.title = "Aurora spikes: volume spike";
        n.summary = "60 mentions in 1 minute against a usual 10 ± 3";
        n.ruleIds = List.of("aurora");
        n.at = Instant.parse("2026-12-03T10:21:00Z");
        n.windowStart = Instant.parse("2026-12-03T10:20:00Z");
        n.windowEnd = n.at;
        n.figures.put("mentions", 60.0);
        n.figures.put("baseline", 10.0);
        Notification.Brief m = new Notification.Brief();
        m.id = "mastodon:1";
        m.network = "mastodon";
        m.author = "ann@example.social";
        m.text = "Aurora battery died again <b> & co";
        m.url = "https://example.com/p/1";
        m.sentiment = "negative";
        m.reach = 1200L;
        m.publishedAt = Instant.parse("2026-12-03T10:20:30Z");
        n.mentions = List.of(m);
        n.channels = List.of(channels);
        return n;
    }
}
