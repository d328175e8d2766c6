package org.earshot.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.earshot.pipeline.alerts.AckLinks;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.schemas.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code /api/v1/alerts}: subscriptions checked and saved, alerts listed with their history, acknowledged by an editor or a signed link. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AlertsApiTest extends ServedTest {
    @BeforeAll
    static void rules() throws Exception {
        new RulesTopic(kafka.settings()).put(new Rule("aurora", "aurora", "Aurora", Instant.now()));
        try (Connection c = clickhouse.server().connect(); Statement s = c.createStatement()) {
            for (String id : List.of("a1", "a2", "a3", "a4")) {
                s.execute("INSERT INTO alerts VALUES ('" + id + "', 'aurora-spikes', ['aurora'], 'volume-spike', 'ACTIVE', now64(3) - 60, now64(3) - 60, "
                        + "now64(3) - 120, now64(3) - 60, 'Aurora: volume spike: 60 mentions in 1 minute', '{\"mentions\":60}')");
            }
            s.execute("INSERT INTO alerts VALUES ('a3', 'aurora-spikes', ['aurora'], 'volume-spike', 'COMPLETED', now64(3) - 60, now64(3), "
                    + "now64(3) - 120, now64(3), 'Aurora: back to normal', '{}')");
        }
    }

    @Test
    void subscriptionsAreCheckedFieldByFieldAndSecretsNeverComeBack() {
        Map<String, Object> spike = Map.of("id", "aurora-spikes", "rules", List.of("aurora"),
                "condition", Map.of("type", "volume-spike", "window", "PT1H", "sensitivity", "balanced"),
                "channels", List.of(Map.of("type", "webhook", "url", "https://hooks.example.com/x", "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
        ApiClient.Answer made = served.api().post("/api/v1/alerts/subscriptions", served.editor(), spike);
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        assertThat(made.json().path("owner").asText()).isEqualTo("editor");
        assertThat(made.text()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(served.api().get("/api/v1/alerts/subscriptions", served.viewer()).text()).contains("aurora-spikes").doesNotContain("MfKQ9r8");

        ApiClient.Answer unknown = served.api().post("/api/v1/alerts/subscriptions", served.editor(), Map.of("id", "x", "rules", List.of("comet"),
                "condition", Map.of("type", "threshold"), "channels", List.of(Map.of("type", "slack", "url", "https://hooks.slack.com/x"))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").asText()).contains("rules: there is no rule 'comet'");
        ApiClient.Answer inside = served.api().post("/api/v1/alerts/subscriptions", served.editor(), Map.of("id", "x", "rules", List.of("aurora"),
                "condition", Map.of("type", "threshold"), "channels", List.of(Map.of("type", "slack", "url", "http://169.254.169.254/latest"))));
        assertThat(inside.status()).isEqualTo(400);
        assertThat(inside.json().path("error").asText()).contains("channels[0].url").contains("a link-local address");
        ApiClient.Answer badK = served.api().post("/api/v1/alerts/subscriptions", served.editor(), Map.of("id", "x", "rules", List.of("aurora"),
                "condition", Map.of("type", "volume-spike", "k", -1), "channels", List.of(Map.of("type", "slack", "url", "https://hooks.slack.com/x"))));
        assertThat(badK.json().path("error").asText()).contains("condition.k must be greater than 0");

        assertThat(served.api().delete("/api/v1/alerts/subscriptions/nothing", served.editor()).status()).isEqualTo(404);
    }

    @Test
    void alertsAreListedInTheirLatestStateAndAcknowledgedOnce() {
        ApiClient.Answer active = served.api().get("/api/v1/alerts?state=ACTIVE", served.viewer());
        assertThat(active.json().path("alerts")).extracting(a -> a.path("alertId").asText()).contains("a4").doesNotContain("a3");
        assertThat(served.api().get("/api/v1/alerts?state=COMPLETED", served.viewer()).json().path("alerts"))
                .extracting(a -> a.path("alertId").asText()).containsExactly("a3");
        assertThat(served.api().get("/api/v1/alerts?state=SLEEPING", served.viewer()).status()).isEqualTo(400);

        ApiClient.Answer ack = served.api().post("/api/v1/alerts/a1/ack", served.editor(), Map.of());
        assertThat(ack.status()).as(ack.text()).isEqualTo(200);
        assertThat(ack.json().path("details").asText()).isEqualTo("acknowledged by editor");
        assertThat(served.api().post("/api/v1/alerts/a1/ack", served.editor(), Map.of()).status()).isEqualTo(409);
        assertThat(served.api().post("/api/v1/alerts/a3/ack", served.editor(), Map.of()).status()).as("completed already").isEqualTo(409);
        assertThat(served.api().post("/api/v1/alerts/nothing/ack", served.editor(), Map.of()).status()).isEqualTo(404);
        assertThat(served.api().get("/api/v1/alerts/a1", served.viewer()).json().path("history")).extracting(h -> h.path("state").asText())
                .containsExactly("ACTIVE", "ACKNOWLEDGED");
    }

    @Test
    void aMessagesSignedLinkAcknowledgesItsAlertAndNoOther() {
        String link = AckLinks.link("http://127.0.0.1:8080", Served.ALERT_LINK_KEY, "a2");
        String sig = link.substring(link.indexOf("&sig=") + 5);
        ApiClient.Answer forged = served.api().post("/api/v1/alerts/ack", null, Map.of("alert", "a2", "sig", sig.substring(1) + "A"));
        assertThat(forged.status()).isEqualTo(403);
        ApiClient.Answer other = served.api().post("/api/v1/alerts/ack", null, Map.of("alert", "a3", "sig", sig));
        assertThat(other.status()).as("the link names one alert").isEqualTo(403);
        ApiClient.Answer ok = served.api().post("/api/v1/alerts/ack", null, Map.of("alert", "a2", "sig", sig));
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(ok.json().path("state").asText()).isEqualTo("ACKNOWLEDGED");
    }
}
