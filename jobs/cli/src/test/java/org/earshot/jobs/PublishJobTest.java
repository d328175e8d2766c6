package org.earshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.local.networks.Faults.Fault;
import org.earshot.local.networks.LocalNetworks;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.pipeline.publish.Account;
import org.earshot.pipeline.publish.Accounts;
import org.earshot.pipeline.publish.PublishOptions;
import org.earshot.pipeline.publish.Publications;
import org.earshot.pipeline.testing.EarshotClickHouse;
import org.earshot.pipeline.testing.EarshotKafka;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.FeedRecord;
import org.earshot.schemas.Mention;
import org.earshot.schemas.MentionBuilder;
import org.earshot.schemas.Publication;
import org.earshot.schemas.PublicationResult;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Publish job against the Mastodon and Bluesky stand-ins, which keep Idempotency-Keys and record keys as the real
 * APIs do, through a real broker and ClickHouse: a job stopped while it publishes and resumed from its checkpoint posts
 * every publication once; scheduled posts wait for their time, a cancel stops one; bad publications get a result that
 * names the problem, nothing is sent for them, and the job goes on.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PublishJobTest {
    private static final String TOKEN = "mastodon-token-for-tests";
    private static final String PASSWORD = "app-pass-word-test";

    @TempDir
    Path dir;
    @RegisterExtension
    final EarshotKafka kafka = new EarshotKafka();
    @RegisterExtension
    final EarshotClickHouse clickhouse = new EarshotClickHouse();
    private LocalNetworks networks;
    private KafkaTestClient client;

    @BeforeEach
    void networksAndAccounts() throws Exception {
        TopicAdmin.ensureTopics(kafka.settings(), 1, Topics.all());
        client = new KafkaTestClient(kafka.settings());
        networks = new LocalNetworks();
        networks.acceptPublishing(TOKEN, "earshot.test", PASSWORD);
        Files.writeString(dir.resolve("mastodon.token"), TOKEN + "\n");
        Files.writeString(dir.resolve("bluesky.password"), PASSWORD + "\n");
        Accounts accounts = new Accounts(dir.resolve("accounts.json"));
        accounts.put(account("masto", "mastodon", null, "file:" + dir.resolve("mastodon.token")));
        accounts.put(account("sky", "bluesky", "earshot.test", "file:" + dir.resolve("bluesky.password")));
    }

    @AfterEach
    void close() throws Exception {
        networks.close();
    }

    @Test
    void aStopWhilePublishingPostsEveryPublicationOnceOnEachNetwork() throws Exception {
        List<Publication> all = new ArrayList<>();
        Map<String, String> repliedTo = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            boolean mastodon = i % 2 == 0;
            Mention m = MentionBuilder.post("x:" + i).by("author" + i, 10).text("is the aurora battery fixed yet? " + i).build();
            long seq = networks.add(mastodon ? "mastodon" : "bluesky", m);
            String mention = mastodon ? networks.mastodonMentionId(seq) : networks.blueskyMentionId(seq);
            Publication p = Publications.of(mastodon ? "masto" : "sky", mastodon ? "mastodon" : "bluesky",
                    "Thanks for asking 🙏 — the fix ships today #aurora https://status.example.com/aurora " + i, mention, null, "test", Instant.now());
            repliedTo.put(p.id, mastodon ? Long.toString(seq) : mention.substring("bluesky:".length()));
            all.add(p);
        }
        // Answers lost after the post was made, a rate limit, a server error: each must be retried without a second post.
        networks.failMastodon(Fault.lostAnswer(), Fault.status(429, Map.of("X-RateLimit-Reset", Instant.now().plusSeconds(1).toString()),
                "{\"error\":\"Too many requests\"}"));
        networks.failBluesky(Fault.lostAnswer(), Fault.status(503, Map.of(), "{\"error\":\"UpstreamFailure\"}"));
        client.produceRecords(Topics.PUBLICATIONS, all);

        JobClient first = start(true, 120); // two a second per account: the stop comes while they go out
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (networks.mastodonPosted().size() + networks.blueskyCreated().size() < 8 && System.nanoTime() < deadline) Thread.sleep(5);
        LocalFlink.cancel(first, Duration.ofMinutes(1)); // right after a post: its result is in no checkpoint yet
        int before = networks.mastodonPosted().size() + networks.blueskyCreated().size();
        assertThat(before).as("stopped while publishing").isBetween(8, all.size() - 1);

        JobClient second = start(false, 6_000);
        try {
            List<PublicationResult> results = client.readAll(Topics.PUBLICATION_RESULTS, r -> r.size() >= all.size(), Duration.ofMinutes(2), Duration.ofSeconds(4));
            assertThat(results).extracting(r -> r.id).doesNotHaveDuplicates().hasSize(all.size());
            assertThat(results).allSatisfy(r -> assertThat(r.status).as(r.toString()).isEqualTo(PublicationResult.POSTED));
            assertThat(networks.mastodonPosted()).extracting(p -> p.idempotencyKey()).doesNotHaveDuplicates().hasSize(15);
            assertThat(networks.blueskyCreated()).extracting(c -> c.rkey()).doesNotHaveDuplicates().hasSize(15);
            // The lost answers alone make two repeats; the restart makes more, for every post after the last checkpoint.
            assertThat(networks.repeatsAnswered()).as("repeats answered with the post already made").isGreaterThanOrEqualTo(2);
            System.out.printf("%d status and %d createRecord requests for 30 posts, %d repeats answered with the post made; %d made before the stop%n",
                    networks.mastodonStatusRequests(), networks.blueskyCreateRequests(), networks.repeatsAnswered(), before);

            // Each reply answers its mention: Mastodon's in_reply_to_id, Bluesky's parent (and root: the parent starts the thread).
            for (var posted : networks.mastodonPosted()) assertThat(posted.inReplyTo()).isEqualTo(repliedTo.get(posted.idempotencyKey()));
            for (var created : networks.blueskyCreated()) {
                String parent = created.record().path("reply").path("parent").path("uri").asText();
                assertThat(repliedTo).containsValue(parent);
                assertThat(created.record().path("reply").path("root").path("uri").asText()).isEqualTo(parent);
                assertThat(created.record().path("facets")).hasSize(2);
            }
            Map<String, PublicationResult> byId = new HashMap<>();
            results.forEach(r -> byId.put(r.id, r));
            for (var created : networks.blueskyCreated()) {
                assertThat(byId.values()).anySatisfy(r -> assertThat(r.remoteId).endsWith("/app.bsky.feed.post/" + created.rkey()));
            }
            assertThat(clickhouse.server().queryLong("SELECT count() FROM publications")).isEqualTo(all.size());
            assertThat(clickhouse.server().queryLong("SELECT uniqExact(id) FROM publications WHERE status = 'posted'")).isEqualTo(all.size());
        } finally {
            LocalFlink.cancel(second, Duration.ofMinutes(1));
        }
    }

    @Test
    void scheduledPostsWaitForTheirTimeACancelStopsOneAndBadOnesAreRefusedByName() throws Exception {
        Instant now = Instant.now();
        Publication due = Publications.of("masto", "mastodon", "Scheduled: maintenance tonight", null, now.plusSeconds(4), "test", now);
        Publication cancelled = Publications.of("sky", "bluesky", "Never goes out", null, now.minusSeconds(30), "test", now); // due at once, its cancel behind it
        Publication past = Publications.of("masto", "mastodon", "Too late", null, now.minus(Duration.ofHours(3)), "test", now);
        Publication nobody = Publications.of("nobody", "mastodon", "Who?", null, null, "test", now);
        Publication tooLong = Publications.of("sky", "bluesky", "é".repeat(150) + "👍🏽".repeat(151), null, null, "test", now);
        Publication notAnImage = Publications.of("masto", "mastodon", "See the attached", null, null, "test", now);
        Path text = Files.writeString(dir.resolve("notes.txt"), "not an image");
        notAnImage.media.add(new Publication.Media(text.toString(), null, "notes"));
        Publication unknownMention = Publications.of("masto", "mastodon", "Hello", networks.mastodonMentionId(42), null, "test", now);
        Publication after = Publications.of("sky", "bluesky", "Still running after all that", null, null, "test", now);
        client.produceRecords(Topics.PUBLICATIONS, List.of(due, cancelled, past, nobody, tooLong, notAnImage, unknownMention));
        FeedRecord garbage = new FeedRecord();
        garbage.key = "pub_garbage";
        garbage.value = "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        client.produce(Topics.PUBLICATIONS, List.of(garbage));
        client.produceRecords(Topics.PUBLICATIONS, List.of(Publications.cancelled(cancelled), after));

        JobClient job = start(true, 6_000);
        try {
            List<PublicationResult> results = client.readAll(Topics.PUBLICATION_RESULTS, r -> r.size() >= 8, Duration.ofMinutes(2), Duration.ofSeconds(3));
            Map<String, PublicationResult> byId = new HashMap<>();
            results.forEach(r -> assertThat(byId.put(r.id, r)).as("one result each").isNull());
            assertThat(byId).hasSize(8);
            assertThat(byId.get(due.id).status).isEqualTo(PublicationResult.POSTED);
            assertThat(byId.get(due.id).at).as("not before its time").isAfterOrEqualTo(due.scheduledAt);
            assertThat(byId.get(cancelled.id).status).isEqualTo(PublicationResult.CANCELLED);
            assertThat(byId.get(after.id).status).isEqualTo(PublicationResult.POSTED);
            assertThat(error(byId, past)).contains("3 hours before it was asked for").contains("grace period is 10 minutes");
            assertThat(error(byId, nobody)).contains("no account 'nobody'");
            assertThat(error(byId, tooLong)).contains("text is 301 characters and bluesky takes at most 300");
            assertThat(error(byId, notAnImage)).contains("notes.txt is application/octet-stream");
            assertThat(error(byId, unknownMention)).contains("HTTP 404").contains("Record not found");

            assertThat(networks.mastodonPosted()).extracting(p -> p.text()).containsExactly("Scheduled: maintenance tonight");
            assertThat(networks.blueskyCreated()).extracting(c -> c.record().path("text").asText()).containsExactly("Still running after all that");
            List<DeadLetter> dead = client.readAll(Topics.DEAD_LETTERS, d -> !d.isEmpty(), Duration.ofSeconds(30), Duration.ofSeconds(1));
            assertThat(dead).singleElement().satisfies(d -> assertThat(d.reason).contains("not a publication JSON"));
        } finally {
            LocalFlink.cancel(job, Duration.ofMinutes(1));
        }
    }

    private static String error(Map<String, PublicationResult> byId, Publication p) {
        PublicationResult r = byId.get(p.id);
        assertThat(r.status).as(r.toString()).isEqualTo(PublicationResult.FAILED);
        return r.error;
    }

    private JobClient start(boolean fresh, int perMinute) throws Exception {
        ClickHouseSinkOptions sink = clickhouse.sink();
        Migrations.apply(sink);
        PublishOptions options = PublishOptions.defaults(dir.resolve("accounts.json").toString()).withPerMinute(perMinute)
                .withBackoff(Duration.ofMillis(300));
        StreamExecutionEnvironment env = LocalFlink.environment(dir.resolve("checkpoints"), Duration.ofMillis(500), 1, fresh);
        PublishJob.attach(env, kafka.settings(), "publish-test", options, sink);
        return env.executeAsync(PublishJob.NAME);
    }

    private Account account(String name, String network, String identifier, String credential) {
        return StandInAccounts.of(networks, name, network, identifier, credential);
    }
}
