package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.earshot.jobs.KafkaArgs;
import org.earshot.jobs.settings.ClickHouseKeys;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.local.testing.TestClickHouse;
import org.earshot.pipeline.kafka.CompactedTopic;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.pipeline.testing.TestKafka;
import org.earshot.schemas.Json;
import org.earshot.schemas.Publication;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code earshot accounts} and {@code earshot publish} against a real broker and ClickHouse: secrets referenced or
 * encrypted and never printed; replies checked (account, mention, network, limit, time, media) before anything is
 * written; a dry run that writes nothing; list and cancel.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PublishCommandTest {
    private static final String KEY = "a passphrase for the accounts";

    @TempDir
    Path dir;

    @Test
    void accountsAndRepliesAreCheckedBeforeAnythingIsWritten() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka")); TestClickHouse clickhouse = TestClickHouse.start(dir.resolve("ch"))) {
            TopicAdmin.ensureTopics(TestKafka.settings(kafka), 1, Topics.all());
            List<String> args = new ArrayList<>(KafkaArgs.set(kafka));
            args.addAll(List.of("--set", ClickHouseKeys.URL.key() + "=" + clickhouse.jdbcUrl(), "--set", ClickHouseKeys.PASSWORD.key() + "=" + clickhouse.password(),
                    "--set", "publish.accounts-key=" + KEY, "--data", dir.resolve("data").toString()));
            String[] at = args.toArray(String[]::new);

            CapturedRun masto = run(at, "accounts", "add", "mastodon", "brand", "--server", "https://mastodon.example", "--token-env", "BRAND_TOKEN");
            assertThat(masto.exit()).as(masto.err()).isZero();
            CapturedRun sky = withInput("sky-app-password-1234\n", () -> run(at, "accounts", "add", "bluesky", "brand-sky", "--handle", "brand.bsky.social",
                    "--password-stdin"));
            assertThat(sky.exit()).as(sky.err()).isZero();
            assertThat(sky.out() + sky.err()).doesNotContain("sky-app-password-1234");
            CapturedRun accounts = run(at, "accounts", "list");
            assertThat(accounts.out()).contains("brand ", "env:BRAND_TOKEN", "brand-sky", "encrypted").doesNotContain("sky-app-password");
            assertThat(Files.readString(dir.resolve("data").resolve("accounts.json"))).doesNotContain("sky-app-password");

            // A mention Earshot holds, as the Listen job stores it.
            org.earshot.jobs.Migrations.apply(new org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions(clickhouse.jdbcUrl(), "default",
                    clickhouse.password(), 1000, java.time.Duration.ofSeconds(30)));
            try (Connection c = clickhouse.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO mentions (id, network, text, published_at) VALUES ('mastodon:mastodon.example/7', 'mastodon', 'is it down?', now64(3))");
            }
            String mention = "mastodon:mastodon.example/7";
            assertThat(run(at, "publish", "reply", "mastodon:mastodon.example/8", "hello", "--account", "brand").err())
                    .contains("there is no mention mastodon:mastodon.example/8");
            assertThat(run(at, "publish", "reply", mention, "hello", "--account", "ghost").err()).contains("there is no account 'ghost'");
            assertThat(run(at, "publish", "reply", mention, "hello", "--account", "brand-sky").err()).contains("is not on bluesky, where brand-sky posts");
            CapturedRun tooLong = run(at, "publish", "post", "👍🏽".repeat(301), "--account", "brand-sky");
            assertThat(tooLong.exit()).isEqualTo(2);
            assertThat(tooLong.err()).contains("text is 301 characters and bluesky takes at most 300");
            assertThat(run(at, "publish", "post", "late", "--account", "brand", "--at", "2020-01-01T00:00:00Z").err()).contains("is in the past");
            Path notes = Files.writeString(dir.resolve("notes.txt"), "not an image");
            assertThat(run(at, "publish", "post", "see this", "--account", "brand", "--media", notes.toString()).err())
                    .contains("notes.txt is application/octet-stream");

            CapturedRun dry = run(at, "publish", "reply", mention, "Thanks, on it.", "--account", "brand", "--dry-run");
            assertThat(dry.exit()).as(dry.err()).isZero();
            assertThat(dry.out()).contains("\"inReplyTo\" : \"" + mention + "\"", "Dry run", "nothing sent");
            assertThat(publications(kafka)).as("refusals and the dry run wrote nothing").isEmpty();

            CapturedRun reply = run(at, "publish", "reply", mention, "Thanks, on it.", "--account", "brand", "--at", "+2h");
            assertThat(reply.exit()).as(reply.err()).isZero();
            String id = reply.out().replaceAll("(?s).*Scheduled (pub_[a-z0-9]+).*", "$1");
            assertThat(publications(kafka)).singleElement().satisfies(p -> {
                assertThat(p.id).isEqualTo(id);
                assertThat(p.network).isEqualTo("mastodon");
                assertThat(p.scheduledAt).isAfter(java.time.Instant.now().plusSeconds(7_000));
            });
            assertThat(Json.mapper().readTree(run(at, "publish", "list", "--json").out()).path("status").asText()).isEqualTo("scheduled");

            assertThat(run(at, "publish", "cancel", id).out()).contains("Cancelled " + id);
            assertThat(Json.mapper().readTree(run(at, "publish", "list", "--json").out()).path("status").asText()).isEqualTo("cancelled");
            CapturedRun again = run(at, "publish", "cancel", id);
            assertThat(again.exit()).isEqualTo(2);
            assertThat(again.err()).contains("already cancelled");
        }
    }

    private static List<Publication> publications(EmbeddedKafka kafka) {
        return new ArrayList<>(new CompactedTopic<>(TestKafka.settings(kafka), Topics.PUBLICATIONS).readAll().values());
    }

    private static CapturedRun withInput(String input, java.util.function.Supplier<CapturedRun> run) {
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return run.get();
        } finally {
            System.setIn(stdin);
        }
    }

    private static CapturedRun run(String[] settings, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(settings));
        return CapturedRun.of(all.toArray(String[]::new));
    }
}
