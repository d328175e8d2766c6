package org.earshot.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.schemas.Mention;
import org.earshot.schemas.MentionBuilder;
import org.earshot.schemas.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rules and projects written through the API land where the Listen job reads them; the mention stream searches the index. */
class RulesAndMentionsApiTest extends ServedTest {

    @BeforeAll
    static void start() throws Exception {
        Instant now = Instant.now();
        String[] texts = {"Aurora's battery died again, so annoying", "loving the new #Aurora phone", "aurora borealis tonight",
                "the rival phone has a great battery", "nothing to see here"};
        for (int i = 0; i < texts.length; i++) {
            Mention m = MentionBuilder.post((i % 2 == 0 ? "bluesky:" : "mastodon:") + i).text(texts[i]).by("@user" + i, 100L * i)
                    .at(now.minus(Duration.ofHours(i + 1)).toString()).build();
            m.sentiment = new org.earshot.schemas.Sentiment(i == 0 ? "negative" : "positive", 0.9);
            m.lang = "en";
            m.ruleIds = i < 3 ? List.of("aurora") : List.of();
            served.index().put(m);
        }
        served.index().refresh();
    }

    @Test
    void rulesAreAddedChangedAndDeletedOnTheTopicTheListenJobReads() {
        RulesTopic topic = new RulesTopic(kafka.settings());
        ApiClient.Answer added = served.api().post("/api/v1/rules", served.editor(), Map.of("id", "aurora", "name", "Aurora", "query", "aurora NOT borealis"));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(topic.readAll().get("aurora").query).isEqualTo("aurora NOT borealis");
        assertThat(served.api().post("/api/v1/rules", served.editor(), Map.of("id", "aurora", "query", "x")).status()).isEqualTo(409);

        ApiClient.Answer changed = served.api().put("/api/v1/rules/aurora", served.editor(), Map.of("query", "aurora AND phone"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(topic.readAll().get("aurora").query).isEqualTo("aurora AND phone");
        assertThat(topic.readAll().get("aurora").name).as("kept").isEqualTo("Aurora");
        JsonNode listed = served.api().get("/api/v1/rules", served.viewer()).json();
        assertThat(listed.toString()).contains("\"id\":\"aurora\"", "aurora AND phone");

        ApiClient.Answer broken = served.api().put("/api/v1/rules/aurora", served.editor(), Map.of("query", "aurora AND (phone"));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("error").asText()).startsWith("position ");
        assertThat(topic.readAll().get("aurora").query).as("a refused edit changes nothing").isEqualTo("aurora AND phone");

        assertThat(served.api().delete("/api/v1/rules/aurora", served.editor()).status()).isEqualTo(204);
        assertThat(topic.readAll()).doesNotContainKey("aurora");
        assertThat(served.api().get("/api/v1/rules/aurora", served.viewer()).status()).isEqualTo(404);
        assertThat(served.api().delete("/api/v1/rules/aurora", served.editor()).status()).isEqualTo(404);
        assertThat(served.api().post("/api/v1/rules", served.editor(), Map.of("id", "bad id!", "query", "x")).json().get("error").asText())
                .contains("rule id");
    }

    @Test
    void validationShowsWhereAQueryIsWrong() {
        JsonNode wrong = served.api().post("/api/v1/rules/validate", served.viewer(), Map.of("query", "aurora AND (phone OR")).json();
        assertThat(wrong.get("valid").asBoolean()).isFalse();
        assertThat(wrong.at("/error/position").asInt()).isBetween(12, 21);
        assertThat(wrong.at("/error/message").asText()).startsWith("position " + wrong.at("/error/position").asInt() + ":");
        JsonNode right = served.api().post("/api/v1/rules/validate", served.viewer(), Map.of("query", "aurora phone")).json();
        assertThat(right.get("valid").asBoolean()).isTrue();
        assertThat(right.get("reads").asText()).isNotBlank();
        JsonNode warned = served.api().post("/api/v1/rules/validate", served.viewer(), Map.of("query", "aurora and phone")).json();
        assertThat(warned.get("warnings")).as("lower-case and is read as a word").isNotEmpty();
    }

    @Test
    void projectsNameExistingRules() {
        new RulesTopic(kafka.settings()).put(new Rule("brand", "aurora", "Brand", Instant.now()));
        new RulesTopic(kafka.settings()).put(new Rule("rival", "rival", "Rival", Instant.now()));
        ApiClient.Answer unknown = served.api().post("/api/v1/projects", served.editor(), Map.of("id", "p", "brandRules", List.of("nope")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").asText()).contains("no rule 'nope'");
        assertThat(served.api().post("/api/v1/projects", served.editor(), Map.of("id", "p", "brandRules", List.of())).status()).isEqualTo(400);
        ApiClient.Answer made = served.api().post("/api/v1/projects", served.editor(),
                Map.of("id", "p", "name", "Phones", "brandRules", List.of("brand"), "competitorRules", List.of("rival")));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        JsonNode got = served.api().get("/api/v1/projects/p", served.viewer()).json();
        assertThat(got.get("competitorRules").toString()).isEqualTo("[\"rival\"]");
        assertThat(served.api().put("/api/v1/projects/p", served.editor(), Map.of("name", "Phones", "brandRules", List.of("brand", "rival")))
                .status()).isEqualTo(200);
        assertThat(served.api().get("/api/v1/projects/p", served.viewer()).json().get("brandRules").toString()).isEqualTo("[\"brand\",\"rival\"]");
        assertThat(served.api().delete("/api/v1/projects/p", served.editor()).status()).isEqualTo(204);
        assertThat(served.api().get("/api/v1/projects/p", served.viewer()).status()).isEqualTo(404);
    }

    @Test
    void theMentionStreamSearchesFiltersHighlightsAndCounts() {
        JsonNode found = served.api().get("/api/v1/mentions?q=aurora&sentiment=negative", served.viewer()).json();
        assertThat(found.get("total").asLong()).isEqualTo(1);
        assertThat(found.at("/hits/0/mention/id").asText()).isEqualTo("bluesky:0");
        assertThat(found.at("/hits/0/highlighted").asText()).as("HTML-escaped, for a page to show as it is").contains("<mark>Aurora&#x27;s</mark>");
        JsonNode all = served.api().get("/api/v1/mentions?q=aurora&limit=2", served.viewer()).json();
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(all.get("hits")).hasSize(2);
        JsonNode next = served.api().get("/api/v1/mentions?q=aurora&limit=2&after=" + all.get("next").asText(), served.viewer()).json();
        assertThat(next.get("hits")).hasSize(1);
        assertThat(all.at("/facets/network").toString()).contains("bluesky", "mastodon");

        ApiClient.Answer wrong = served.api().get("/api/v1/mentions?q=aurora%20AND%20(", served.viewer());
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asText()).startsWith("parameter 'q': position ");
        ApiClient.Answer wide = served.api().get("/api/v1/mentions?q=*", served.viewer());
        assertThat(wide.status()).isEqualTo(400);
        assertThat(served.api().get("/api/v1/mentions?limit=1000", served.viewer()).json().get("error").asText()).contains("'limit'");
    }

    @Test
    void aDraftRuleShowsWhatItWouldMatchBeforeItGoesLive() {
        JsonNode preview = served.api().post("/api/v1/rules/preview", served.viewer(), Map.of("query", "aurora NOT borealis")).json();
        assertThat(preview.get("total").asLong()).isEqualTo(2);
        assertThat(preview.get("samples")).hasSize(2);
        assertThat(preview.get("matched").toString()).contains("\"word\":\"aurora's\"", "\"word\":\"aurora\"");
        ApiClient.Answer broken = served.api().post("/api/v1/rules/preview", served.viewer(), Map.of("query", "(aurora"));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("error").asText()).contains("position");
    }
}
