package org.earshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.earshot.local.networks.Faults.Fault;
import org.earshot.local.networks.LocalNetworks;
import org.earshot.pipeline.publish.Account;
import org.earshot.pipeline.publish.Accounts;
import org.earshot.pipeline.publish.Credentials;
import org.earshot.pipeline.publish.MediaFile;
import org.earshot.pipeline.publish.Network;
import org.earshot.pipeline.publish.Networks;
import org.earshot.pipeline.publish.PublishFailure;
import org.earshot.pipeline.publish.PublishOptions;
import org.earshot.pipeline.publish.Publications;
import org.earshot.schemas.MentionBuilder;
import org.earshot.schemas.Publication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mastodon and Bluesky adapters against the stand-ins: what 401, 403, 429 and 5xx mean (refused, or retried when
 * the rate limit resets), expired Bluesky sessions renewed without the caller noticing, images with their alt text,
 * mentions resolved to DIDs; and credentials that are read, encrypted and refused without ever showing the secret.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PublishNetworksTest {
    private static final String TOKEN = "mastodon-token-for-tests";
    private static final String PASSWORD = "app-pass-word-test";

    @TempDir
    Path dir;
    private LocalNetworks networks;
    private Accounts accounts;
    private Networks open;

    @BeforeEach
    void start() throws Exception {
        networks = new LocalNetworks();
        networks.acceptPublishing(TOKEN, "earshot.test", PASSWORD);
        Files.writeString(dir.resolve("token"), TOKEN);
        Files.writeString(dir.resolve("password"), PASSWORD);
        Files.writeString(dir.resolve("wrong"), "not-the-token");
        accounts = new Accounts(dir.resolve("accounts.json"));
        accounts.put(account("masto", "mastodon", null, "file:" + dir.resolve("token")));
        accounts.put(account("sky", "bluesky", "earshot.test", "file:" + dir.resolve("password")));
        accounts.put(account("masto-wrong", "mastodon", null, "file:" + dir.resolve("wrong")));
        accounts.put(account("sky-wrong", "bluesky", "earshot.test", "file:" + dir.resolve("wrong")));
        open = new Networks(PublishOptions.defaults(accounts.file().toString()));
    }

    @AfterEach
    void stop() throws Exception {
        open.close();
        networks.close();
    }

    @Test
    void mastodonRefusesABadTokenAnd403AndRetries429AtItsResetAnd5xx() throws Exception {
        assertThat(refusal("masto-wrong", "mastodon")).contains("HTTP 401").contains("The access token is invalid").doesNotContain("not-the-token");
        networks.failMastodon(Fault.status(403, Map.of(), "{\"error\":\"This action is not allowed\"}"));
        assertThat(refusal("masto", "mastodon")).contains("HTTP 403").contains("This action is not allowed");
        Instant reset = Instant.now().plusSeconds(90).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        networks.failMastodon(Fault.status(429, Map.of("X-RateLimit-Reset", reset.toString(), "X-RateLimit-Remaining", "0"), "{\"error\":\"Too many requests\"}"));
        PublishFailure limited = failure("masto", "mastodon");
        assertThat(limited.retryable()).isTrue();
        assertThat(limited.retryAt()).isEqualTo(reset);
        networks.failMastodon(Fault.status(502, Map.of(), "<html>bad gateway</html>"));
        PublishFailure gateway = failure("masto", "mastodon");
        assertThat(gateway.retryable()).isTrue();
        assertThat(gateway.retryAt()).isNull();
        assertThat(networks.mastodonPosted()).isEmpty();
    }

    @Test
    void mastodonUploadsImagesWithTheirDescriptions() throws Exception {
        Publication p = post("masto", "mastodon", "Our status page, annotated");
        Network.Sent sent = open.of("masto", "mastodon").publish(p, List.of(new MediaFile("chart.png", png(), "image/png", "A chart of Aurora outages by hour")));
        assertThat(sent.url()).contains("/posts/" + sent.remoteId());
        String mediaId = networks.mastodonPosted().get(0).mediaIds().get(0);
        assertThat(networks.mastodonMediaDescription(mediaId)).isEqualTo("A chart of Aurora outages by hour");
        assertThat(open.of("masto", "mastodon").limits().maxChars()).as("the instance's own limit").isEqualTo(500);
    }

    @Test
    void blueskyRenewsAnExpiredSessionAndSignsInAgainWhenTheRefreshTokenExpiredToo() throws Exception {
        Network sky = open.of("sky", "bluesky");
        sky.publish(post("sky", "bluesky", "first"), List.of());
        networks.expireBlueskyTokens(false);
        sky.publish(post("sky", "bluesky", "second, after a refresh"), List.of());
        assertThat(networks.blueskySessionsMade()).as("refreshed, not signed in again").isEqualTo(1);
        networks.expireBlueskyTokens(true);
        sky.publish(post("sky", "bluesky", "third, after a new session"), List.of());
        assertThat(networks.blueskySessionsMade()).isEqualTo(2);
        assertThat(networks.blueskyCreated()).hasSize(3);
    }

    @Test
    void blueskyRefusesABadPasswordAndRetries429AtItsResetAnd5xx() throws Exception {
        assertThat(refusal("sky-wrong", "bluesky")).contains("HTTP 401").contains("Invalid identifier or password").doesNotContain("not-the-token");
        long reset = Instant.now().plusSeconds(300).getEpochSecond();
        networks.failBluesky(Fault.status(429, Map.of("ratelimit-reset", Long.toString(reset), "ratelimit-remaining", "0"), "{\"error\":\"RateLimitExceeded\"}"));
        PublishFailure limited = failure("sky", "bluesky");
        assertThat(limited.retryable()).isTrue();
        assertThat(limited.retryAt()).isEqualTo(Instant.ofEpochSecond(reset));
        networks.failBluesky(Fault.status(500, Map.of(), "{\"error\":\"InternalServerError\"}"));
        assertThat(failure("sky", "bluesky").retryable()).isTrue();
        assertThat(networks.blueskyCreated()).isEmpty();
    }

    @Test
    void blueskyMentionsBecomeDidFacetsAndImagesAnEmbedWithAltText() throws Exception {
        long seq = networks.add("bluesky", MentionBuilder.post("b:1").by("carol", 5).text("hello").build());
        String did = networks.blueskyMentionId(seq).substring("bluesky:at://".length()).split("/")[0];
        Publication p = post("sky", "bluesky", "Thanks @carol.bsky.social and @nobody.example — #aurora");
        open.of("sky", "bluesky").publish(p, List.of(new MediaFile("chart.png", png(), "image/png", "Outages by hour")));
        var record = networks.blueskyCreated().get(0).record();
        assertThat(record.path("facets")).hasSize(2); // the unknown handle stays plain text
        assertThat(record.path("facets").get(0).path("features").get(0).path("did").asText()).isEqualTo(did);
        assertThat(record.path("facets").get(1).path("features").get(0).path("tag").asText()).isEqualTo("aurora");
        assertThat(record.path("embed").path("images").get(0).path("alt").asText()).isEqualTo("Outages by hour");
        assertThat(record.path("embed").path("images").get(0).path("image").path("mimeType").asText()).isEqualTo("image/png");
    }

    @Test
    void aWebhookAccountGetsEachPublicationSignedUnderItsIdAndA503IsRetryable() throws Exception {
        String secret = org.earshot.pipeline.alerts.SubscriptionCheck.newSecret();
        Files.writeString(dir.resolve("whsec"), secret);
        try (org.earshot.pipeline.testing.WebhookReceiver receiver = new org.earshot.pipeline.testing.WebhookReceiver(secret, "fail:1")) {
            Account hook = account("cms", "webhook", null, "file:" + dir.resolve("whsec"));
            hook.server = receiver.url();
            accounts.put(hook);
            Publication p = post("cms", "webhook", "Maintenance tonight");
            PublishFailure first = failure(p);
            assertThat(first.retryable()).as(first.getMessage()).isTrue();
            open.of("cms", "webhook").publish(p, List.of());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (receiver.requests().size() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(receiver.requests()).hasSize(2).allSatisfy(r -> {
                assertThat(r.path("verified").asBoolean()).as(r.path("error").asText()).isTrue();
                assertThat(r.path("id").asText()).isEqualTo(p.id);
            });
            assertThat(receiver.requests().get(1).path("body").asText()).contains("\"type\":\"publication.due\"", "Maintenance tonight");
        }
    }

    @Test
    void credentialsComeFromTheEnvironmentAFileOrEncryptedAndErrorsNeverShowThem() throws Exception {
        String sealed = Credentials.encrypt("s3cret-app-password", "a passphrase long enough");
        assertThat(sealed).startsWith("encrypted:").doesNotContain("s3cret");
        assertThat(Credentials.resolve(sealed, "a passphrase long enough")).isEqualTo("s3cret-app-password");
        assertThatThrownBy(() -> Credentials.resolve(sealed, "another passphrase here")).hasMessageContaining("does not open this credential")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
        assertThatThrownBy(() -> Credentials.resolve(sealed, null)).hasMessageContaining("publish.accounts-key");
        assertThatThrownBy(() -> Credentials.resolve("env:EARSHOT_TEST_UNSET_VARIABLE", null)).hasMessage("environment variable EARSHOT_TEST_UNSET_VARIABLE is not set");
        assertThat(Credentials.resolve("env:PATH", null)).isEqualTo(System.getenv("PATH").strip());
        assertThat(Files.getPosixFilePermissions(accounts.file())).extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        assertThat(Files.readString(accounts.file())).doesNotContain(TOKEN).doesNotContain(PASSWORD);
    }

    private String refusal(String account, String network) throws Exception {
        PublishFailure f = failure(account, network);
        assertThat(f.retryable()).as(f.getMessage()).isFalse();
        return f.getMessage();
    }

    private PublishFailure failure(String account, String network) {
        return failure(post(account, network, "hello"));
    }

    private PublishFailure failure(Publication p) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> open.of(p.account, p.network).publish(p, List.of()));
        assertThat(thrown).isInstanceOf(PublishFailure.class);
        return (PublishFailure) thrown;
    }

    private static Publication post(String account, String network, String text) {
        return Publications.of(account, network, text, null, null, "test", Instant.now());
    }

    private static byte[] png() {
        byte[] png = new byte[64];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, png, 0, 8);
        return png;
    }

    private Account account(String name, String network, String identifier, String credential) {
        return StandInAccounts.of(networks, name, network, identifier, credential);
    }
}
