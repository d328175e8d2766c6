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
