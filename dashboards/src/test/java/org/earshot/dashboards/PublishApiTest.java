package org.earshot.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.earshot.pipeline.publish.Account;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /api/v1/publications}: the accounts (never a credential), a reply checked and handed to the Publish job by an
 * editor (not a viewer), listed under its mention, cancelled once.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PublishApiTest extends ServedTest {
    private static final String MENTION = "bluesky:at://did:plc:abc/app.bsky.feed.post/3lxyz";

    @BeforeAll
    static void accountAndMention() throws Exception {
        Account a = new Account();
        a.name = "brand-sky";
        a.network = "bluesky";
        a.server = "https://bsky.social";
        a.identifier = "brand.bsky.social";
        a.credential = "env:BRAND_SKY_PASSWORD";
        Served.accounts(dir).put(a);
        try (Connection c = clickhouse.server().connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO mentions (id, network, text, published_at) VALUES ('" + MENTION + "', 'bluesky', 'is it down?', now64(3))");
        }
    }

    @Test
    void aReplyIsCheckedScheduledListedUnderItsMentionAndCancelledOnce() {
        ApiClient.Answer accounts = served.api().get("/api/v1/publications/accounts", served.viewer());
        assertThat(accounts.status()).isEqualTo(200);
        assertThat(accounts.json().path("accounts").get(0).path("maxChars").asInt()).isEqualTo(300);
        assertThat(accounts.text()).doesNotContain("BRAND_SKY_PASSWORD");

        Map<String, Object> reply = new HashMap<>(Map.of("account", "brand-sky", "text", "We are on it 🙏", "inReplyTo", MENTION));
        assertThat(served.api().post("/api/v1/publications", served.viewer(), reply).status()).as("a viewer cannot publish").isEqualTo(403);
        Map<String, Object> unknown = new HashMap<>(reply);
        unknown.put("inReplyTo", "bluesky:at://did:plc:abc/app.bsky.feed.post/3lnope");
        ApiClient.Answer refused = served.api().post("/api/v1/publications", served.editor(), unknown);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).contains("there is no mention");
        Map<String, Object> noAccount = new HashMap<>(reply);
        noAccount.remove("account");
        ApiClient.Answer unsaid = served.api().post("/api/v1/publications", served.editor(), noAccount);
        assertThat(unsaid.status()).as("a request without an account is refused, not an internal error").isEqualTo(400);
        assertThat(unsaid.json().path("error").asText()).contains("account: which account posts it is missing");
        Map<String, Object> tooLong = new HashMap<>(reply);
        tooLong.put("text", "x".repeat(301));
        assertThat(served.api().post("/api/v1/publications", served.editor(), tooLong).json().path("error").asText())
                .contains("text is 301 characters and bluesky takes at most 300");

        ApiClient.Answer made = served.api().post("/api/v1/publications", served.editor(), reply);
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String id = made.json().path("id").asText();
        assertThat(made.json().path("status").asText()).isEqualTo("scheduled");
        assertThat(made.json().path("createdBy").asText()).isEqualTo("editor");
        ApiClient.Answer listed = served.api().get("/api/v1/publications?mention=" + java.net.URLEncoder.encode(MENTION, java.nio.charset.StandardCharsets.UTF_8),
                served.viewer());
        assertThat(listed.json().path("publications")).hasSize(1);
        assertThat(listed.json().path("publications").get(0).path("id").asText()).isEqualTo(id);

        assertThat(served.api().post("/api/v1/publications/" + id + "/cancel", served.editor(), Map.of()).json().path("status").asText()).isEqualTo("cancelled");
        assertThat(served.api().post("/api/v1/publications/" + id + "/cancel", served.editor(), Map.of()).status()).isEqualTo(409);
        assertThat(served.api().post("/api/v1/publications/pub_nothing/cancel", served.editor(), Map.of()).status()).isEqualTo(404);
    }
}
