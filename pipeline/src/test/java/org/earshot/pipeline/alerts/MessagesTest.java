package org.earshot.pipeline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.earshot.schemas.Json;
import org.earshot.schemas.Notification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The words of a message come from templates an admin can replace, one file at a time. */
@Timeout(30)
class MessagesTest {
    @TempDir
    Path dir;

    @Test
    void anAdminsTemplateReplacesTheBundledOneAndOnlyThatOne() throws Exception {
        Files.writeString(dir.resolve("slack.md.mustache"), "*{{subscription}}* on call: {{summary}} ({{#figures}}{{name}}={{value}} {{/figures}}) <{{dashboardLink}}|look>",
                StandardCharsets.UTF_8);
        Notification n = AlertDeliveryTest.notification("t1");
        Messages.Links links = new Messages.Links("http://127.0.0.1:8080/#alerts", "http://127.0.0.1:8080/#ack=x&sig=y");
        String slack = Json.mapper().readTree(new Messages(dir).slack(n, links)).path("blocks").get(1).path("text").path("text").asText();
        assertThat(slack).isEqualTo("*Aurora spikes* on call: 60 mentions in 1 minute against a usual 10 ± 3 (mentions=60 baseline=10 ) "
                + "<http://127.0.0.1:8080/#alerts|look>");
        String bundled = Json.mapper().readTree(new Messages(null).slack(n, links)).path("blocks").get(1).path("text").path("text").asText();
        assertThat(bundled).startsWith("60 mentions in 1 minute").contains("Aurora battery died again &lt;b&gt; &amp; co");
        String teams = new String(new Messages(dir).teams(n, links), StandardCharsets.UTF_8);
        assertThat(teams).as("the other templates stay bundled").contains("[open](https://example.com/p/1)");
        assertThat(new Messages(dir).email(n, links, java.util.List.of("a@example.org")).html()).contains("Acknowledge");
    }

    @Test
    void aWebhookEventCarriesTheNotificationWithoutItsChannels() throws Exception {
        Notification n = AlertDeliveryTest.notification("t2");
        byte[] body = new Messages(null).webhook(n, new Messages.Links(null, null), Instant.parse("2026-12-03T10:21:01Z"));
        var event = Json.mapper().readTree(body);
        assertThat(event.path("type").asText()).isEqualTo("alert.raised");
        assertThat(event.path("timestamp").asText()).isEqualTo("2026-12-03T10:21:01Z");
        assertThat(event.path("data").path("id").asText()).isEqualTo(n.id);
        assertThat(event.path("data").has("channels")).isFalse();
        assertThat(event.path("data").path("mentions").get(0).path("text").asText()).isEqualTo("Aurora battery died again <b> & co");
    }
}
