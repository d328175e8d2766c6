package org.earshot.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Serialized records must satisfy the JSON Schema published for their topic. */
class TopicSchemasTest {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix("https://earshot.dev/schemas/", "classpath:topics/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    @Test
    void fullMentionMatchesBothMentionSchemas() throws IOException {
        JsonNode json = Json.mapper().readTree(Topics.MENTIONS.serialize(Mentions.everyFieldSet()));
        assertThat(validate(Topics.MENTIONS, json)).isEmpty();
        assertThat(validate(Topics.MENTIONS_ENRICHED, json)).isEmpty();
    }

    @Test
    void minimalMentionMatchesIngestSchemaButNotEnriched() throws IOException {
        Mention m = new Mention();
        m.id = "file:1";
        m.network = "file";
        m.text = "";
        JsonNode json = Json.mapper().readTree(Topics.MENTIONS.serialize(m));
        assertThat(validate(Topics.MENTIONS, json)).isEmpty();
        assertThat(validate(Topics.MENTIONS_ENRICHED, json))
                .anySatisfy(msg -> assertThat(msg.getMessage()).contains("publishedAt"));
    }

    @Test
    void schemaRejectsAMentionWithoutId() throws IOException {
        JsonNode json = Json.mapper().readTree("{\"network\":\"rss\",\"text\":\"hi\"}");
        assertThat(validate(Topics.MENTIONS, json)).anySatisfy(msg -> assertThat(msg.getMessage()).contains("id"));
    }

    @Test
    void deadLetterMatchesItsSchemaAndKeepsBytesExactly() throws IOException {
        byte[] original = {'{', '"', 'i', (byte) 0xC3, (byte) 0x28, 0, '}'};
        DeadLetter d = new DeadLetter(original, "earshot.mentions", 0, 42L, "parse",
                "invalid UTF-8 start byte 0xc3 at byte 4", Instant.parse("2026-11-28T10:00:00Z"));
        byte[] bytes = Topics.DEAD_LETTERS.serialize(d);
        assertThat(validate(Topics.DEAD_LETTERS, Json.mapper().readTree(bytes))).isEmpty();
        assertThat(Topics.DEAD_LETTERS.deserialize(bytes)).isEqualTo(d);
        assertThat(Topics.DEAD_LETTERS.key(d)).isEqualTo("earshot.mentions/0/42");
    }

    @Test
    void ruleMatchesItsSchemaAndRoundTrips() throws IOException {
        Rule rule = new Rule("acme-brand", "acme NOT \"acme corp\"", "Acme", Instant.parse("2026-11-28T10:00:00Z"));
        byte[] bytes = Topics.RULES.serialize(rule);
        assertThat(validate(Topics.RULES, Json.mapper().readTree(bytes))).isEmpty();
        assertThat(Topics.RULES.deserialize(bytes)).isEqualTo(rule);
        assertThat(Topics.RULES.key(rule)).isEqualTo("acme-brand");
        assertThat(Topics.RULES.compacted()).isTrue();
    }

    @Test
    void ruleWithoutQueryOrWithABadIdIsRefusedBySchema() throws IOException {
        assertThat(validate(Topics.RULES, Json.mapper().readTree("{\"id\":\"a\"}")))
                .anySatisfy(msg -> assertThat(msg.getMessage()).contains("query"));
        assertThat(validate(Topics.RULES, Json.mapper().readTree("{\"id\":\"a b\",\"query\":\"x\"}")))
                .anySatisfy(msg -> assertThat(msg.getMessage()).contains("id"));
        assertThat(Rule.validId("a b")).isFalse();
        assertThat(Rule.validId("acme.brand_2-x")).isTrue();
    }

    @Test
    void alertRecordsMatchTheirSchemasAndRoundTrip() throws IOException {
        Subscription sub = new Subscription();
        sub.id = "aurora-spikes";
        sub.rules = java.util.List.of("aurora");
        sub.condition = new Subscription.Condition("volume-spike");
        sub.condition.window = java.time.Duration.ofHours(1);
        sub.condition.sensitivity = "balanced";
        Subscription.Channel hook = new Subscription.Channel("webhook", "https://hooks.example.com/earshot");
        hook.secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        sub.channels = java.util.List.of(hook);
        sub.throttle = java.time.Duration.ofMinutes(10);
        sub.quietHours = new Subscription.QuietHours("22:00", "07:00");
        sub.zone = "Europe/Paris";
        byte[] bytes = Topics.SUBSCRIPTIONS.serialize(sub);
        assertThat(validate(Topics.SUBSCRIPTIONS, Json.mapper().readTree(bytes))).isEmpty();
        assertThat(Topics.SUBSCRIPTIONS.deserialize(bytes)).isEqualTo(sub);
        assertThat(Topics.SUBSCRIPTIONS.compacted()).isTrue();
        assertThat(validate(Topics.SUBSCRIPTIONS, Json.mapper().readTree(
                "{\"id\":\"s\",\"rules\":[\"a\"],\"condition\":{\"type\":\"sometimes\"},\"channels\":[{\"type\":\"webhook\"}]}")))
                .anySatisfy(msg -> assertThat(msg.getMessage()).contains("type"));

        Alert alert = new Alert();
        alert.alertId = "aurora-spikes:volume-spike:1";
        alert.subscriptionId = sub.id;
        alert.kind = "volume-spike";
        alert.state = Alert.ACTIVE;
        alert.raisedAt = Instant.parse("2026-12-03T10:00:00Z");
        alert.changedAt = alert.raisedAt;
        bytes = Topics.ALERTS.serialize(alert);
        assertThat(validate(Topics.ALERTS, Json.mapper().readTree(bytes))).isEmpty();
        assertThat(Topics.ALERTS.deserialize(bytes)).isEqualTo(alert);

        Notification n = new Notification();
        n.id = "msg_abcdefghijklmnopqrstuvwxyz";
        n.subscriptionId = sub.id;
        n.alertId = alert.alertId;
        n.kind = "volume-spike";
        n.state = Alert.ACTIVE;
        n.title = "Aurora: volume spike";
        n.at = alert.raisedAt;
        n.figures.put("mentions", 120.0);
        n.channels = sub.channels;
        assertThat(validate(Topics.NOTIFICATIONS, Json.mapper().readTree(Topics.NOTIFICATIONS.serialize(n)))).isEmpty();
    }

    @Test
    void publicationsAndTheirResultsMatchTheirSchemas() throws IOException {
        Publication p = new Publication();
        p.id = "pub_0123456789abcdefghijklmnop";
        p.account = "brand";
        p.network = "mastodon";
        p.text = "Thanks, on it.";
        p.inReplyTo = "mastodon:mastodon.social/1";
        p.scheduledAt = Instant.parse("2026-12-04T09:00:00Z");
        p.status = Publication.SCHEDULED;
        p.createdAt = Instant.parse("2026-12-03T18:00:00Z");
        p.media.add(new Publication.Media("/tmp/chart.png", null, "a chart"));
        assertThat(validate(Topics.PUBLICATIONS, Json.mapper().readTree(Topics.PUBLICATIONS.serialize(p)))).isEmpty();
        p.status = "posted"; // a result's status, not a record's
        assertThat(validate(Topics.PUBLICATIONS, Json.mapper().readTree(Topics.PUBLICATIONS.serialize(p)))).isNotEmpty();
        p.status = Publication.SCHEDULED;
        PublicationResult r = PublicationResult.of(p, PublicationResult.POSTED, Instant.parse("2026-12-04T09:00:01Z"));
        r.remoteId = "1133";
        r.url = "https://mastodon.social/@brand/1133";
        r.attempts = 1;
        byte[] bytes = Topics.PUBLICATION_RESULTS.serialize(r);
        assertThat(validate(Topics.PUBLICATION_RESULTS, Json.mapper().readTree(bytes))).isEmpty();
        assertThat(Topics.PUBLICATION_RESULTS.deserialize(bytes).url).isEqualTo(r.url);
        assertThat(Topics.PUBLICATION_RESULTS.key(r)).isEqualTo(p.id);
    }

    @Test
    void mentionRoundTripsThroughJson() throws IOException {
        Mention m = Mentions.everyFieldSet();
        assertThat(Topics.MENTIONS.deserialize(Topics.MENTIONS.serialize(m))).isEqualTo(m);
        assertThat(Topics.MENTIONS.key(m)).isEqualTo("mastodon:109876543210");
    }

    @Test
    void numberWhereTextBelongsIsRefusedWithTheFieldName() {
        byte[] json = "{\"id\":\"a\",\"network\":\"rss\",\"text\":42}".getBytes(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Topics.MENTIONS.deserialize(json))
                .hasMessageContaining("text");
    }

    private static Set<ValidationMessage> validate(Topic<?> topic, JsonNode json) throws IOException {
        try (InputStream in = Topic.class.getResourceAsStream(topic.schemaResource())) {
            assertThat(in).as("schema for %s", topic).isNotNull();
            JsonSchema schema = FACTORY.getSchema(in, CONFIG);
            return schema.validate(json);
        }
    }
}
