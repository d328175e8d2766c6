package org.earshot.pipeline.ingest.poll;

import java.net.URI;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.HttpSettings;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.local.networks.LocalNetworks;
import org.earshot.schemas.Author;
import org.earshot.schemas.Mention;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.pipeline.text.PlainText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each network's poller against the local stand-in speaking its wire format: what is new arrives
 * once, in order, and resuming from the cursor of any record (a checkpoint in the middle of a
 * page) leaves no gap and sends nothing twice.
 */
class PollersTest {
    LocalNetworks networks;
    PoliteHttp http = new PoliteHttp(HttpSettings.defaults().withPrivateHosts(java.util.Set.of("127.0.0.1")).withPerHostInterval(Duration.ZERO));
    long posted;

    @BeforeEach
    void start() throws Exception {
        networks = new LocalNetworks();
    }

    @AfterEach
    void stop() throws Exception {
        networks.close();
    }

    void post(Network network, int count) {
        for (int i = 0; i < count; i++) {
            Mention m = new Mention();
            m.id = "local:" + posted;
            m.network = network.label();
            m.text = "Post number " + posted + " about #earshot & friends \uD83C\uDF89";
            // Seven authors, each with a follower count of their own that does not change while the test runs.
            m.author = new Author("author" + (posted % 7), "Author " + (posted % 7), null, 10L + posted % 7);
            m.lang = "en";
            m.publishedAt = Instant.now();
            networks.add(network.label(), m);
            posted++;
        }
    }

    SourceSpec spec(Network network) {
        SourceSpec spec = new SourceSpec(null, network, URI.create(networks.baseUrl(network.label())),
                network == Network.MASTODON ? LocalNetworks.TAG : null, false, network == Network.REDDIT ? LocalNetworks.SUBREDDIT : null,
                null, Duration.ofSeconds(1));
        return network == Network.BLUESKY ? spec.withProfiles(URI.create(networks.profilesUrl())) : spec;
    }

    static List<String> texts(List<Polled> steps) {
        List<String> out = new ArrayList<>();
        for (Polled p : steps) {
            if (p.record() != null && p.record().kind != Ingested.Kind.DELETION) {
                assertThat(p.record().kind).isEqualTo(Ingested.Kind.MENTION);
                out.add(PlainText.clean(p.record().mention.text, 100_000)); // as the Listen job reads it
            }
        }
        return out;
    }

    static List<String> expected(long from, long to) {
        List<String> out = new ArrayList<>();
        for (long i = from; i < to; i++) out.add("Post number " + i + " about #earshot & friends \uD83C\uDF89");
        return out;
    }

    /** Polls until a poll brings nothing new, as a source catching up would. */
    List<Polled> drain(Poller poller, Cursor[] cursor) throws Exception {
        List<Polled> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Poll poll = poller.poll(cursor[0], http, Instant.now());
            cursor[0] = poll.cursor();
            all.addAll(poll.steps());
            if (texts(poll.steps()).isEmpty()) break;
        }
        return all;
    }

    @ParameterizedTest
    @EnumSource(Network.class)
    void newPostsArriveOnceAndResumeExactlyFromAnyRecord(Network network) throws Exception {
        Poller poller = spec(network).poller();
        Cursor[] cursor = {Cursor.START};
        if (network == Network.BLUESKY) {
            drain(poller, cursor); // Jetstream starts live: the first poll fixes the cursor.
        } else {
            post(network, 5);
            assertThat(texts(drain(poller, cursor))).isEqualTo(expected(0, 5));
        }
        long before = posted;
        // More than a page on the paged networks; a feed has no pages, only its newest 50 items.
        post(network, network == Network.HACKERNEWS ? 60 : network == Network.RSS ? 45 : 120);
        Cursor atStart = cursor[0];
        List<Polled> steps = drain(poller, cursor);
        assertThat(texts(steps)).isEqualTo(expected(before, posted));
        assertThat(texts(drain(poller, cursor))).as("nothing new, nothing again").isEmpty();

        // A restart from the checkpoint taken after the k-th record of that catch-up.
        List<Polled> records = steps.stream().filter(p -> p.record() != null).toList();
        int k = records.size() / 3;
        Cursor[] restored = {records.get(k - 1).cursor()};
        post(network, 7);
        assertThat(texts(drain(poller, restored))).isEqualTo(expected(before + k, posted));
        assertThat(atStart).isNotNull();
        if (network == Network.BLUESKY) {
            // Jetstream names authors by DID; the AppView's profiles name them as analysts read them.
            Mention first = records.get(0).record().mention;
            assertThat(first.author.handle).isEqualTo("author" + (before % 7) + ".bsky.social");
            assertThat(first.author.followers).isEqualTo(10L + before % 7);
            assertThat(new MentionNormalizer(100_000).normalize(first).reach).isEqualTo(10L + before % 7);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Network.class, names = {"RSS"})
    void feedsAskWithTheirValidatorsAndTakeNotModified(Network network) throws Exception {
        Poller poller = spec(network).poller();
        post(network, 3);
        Poll first = poller.poll(Cursor.START, http, Instant.now());
        assertThat(first.cursor().get(FeedPoller.ETAG)).isEqualTo("\"3\"");
        Poll second = poller.poll(first.cursor(), http, Instant.now());
        assertThat(second.steps()).as("304: nothing to hand on").isEmpty();
        assertThat(second.cursor()).isEqualTo(first.cursor());
    }

    @org.junit.jupiter.api.Test
    void mastodonWithATokenStreamsUpdatesAndDeletesAndCatchesUpWithoutRepeats(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path tokenFile = dir.resolve("mastodon.token");
        java.nio.file.Files.writeString(tokenFile, "local-streaming-token\n");
        networks.streamingToken("local-streaming-token");
        Poller poller = spec(Network.MASTODON).every(Duration.ofSeconds(1)).withToken("file:" + tokenFile).poller();
        post(Network.MASTODON, 5);
        Thread publisher = new Thread(() -> {
            try {
                Thread.sleep(1_500);
                post(Network.MASTODON, 3);
                networks.deleteMastodon(networks.firstSeq() + 1); // the second post
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        publisher.start();
        Poll first = poller.poll(Cursor.START, http, Instant.now()); // catch up, then stream for a session
        publisher.join();
        assertThat(texts(first.steps())).isEqualTo(expected(0, 8));
        List<String> deleted = first.steps().stream().filter(p -> p.record() != null && p.record().kind == Ingested.Kind.DELETION)
                .map(p -> p.record().deletedId).toList();
        assertThat(deleted).containsExactly(first.steps().get(1).record().mention.id);
        assertThat(first.pause()).isZero();

        Poll second = poller.poll(first.cursor(), http, Instant.now());
        assertThat(texts(second.steps())).as("the REST catch-up does not repeat what the stream handed on").isEmpty();
        assertThat(second.cursor().get(MastodonPoller.NEWEST)).isEqualTo(Long.toString(networks.firstSeq() + 7)); // the eighth post
    }

    @org.junit.jupiter.api.Test
    void redditIdsTellNewerFromOlderSoADeletedAnchorDoesNotStallASource() {
        assertThat(RedditPoller.newer("t3_1abc", "t3_zzz")).isTrue();
        assertThat(RedditPoller.newer("t3_zzz", "t3_1abc")).isFalse();
        assertThat(RedditPoller.newer("t3_abc", "t3_abc")).isFalse();
        // Not comparable: handed on rather than lost.
        assertThat(RedditPoller.newer("t1_abc", "t3_abd")).isTrue();
        assertThat(RedditPoller.newer("t3_a-b", "t3_abd")).isTrue();
    }

    @org.junit.jupiter.api.Test
    void aSourceNeverHoldsTheTokenItself() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> spec(Network.MASTODON).withToken("abc123"))
                .hasMessageContaining("env:NAME or file:PATH");
    }
}
