package org.earshot.pipeline.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.earshot.pipeline.SharedData;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.schemas.Mention;
import org.earshot.pipeline.text.MentionNormalizer;
import org.junit.jupiter.api.Test;

/** Every real payload in {@code ../shared/data/feeds} parses to the Mentions it holds. */
class RecordedPayloadsTest {
    static final URI FROM = URI.create("https://example.org/feed");
    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(SharedData.path("feeds/" + name));
    }

    static List<Mention> mentions(List<Ingested> records) {
        assertThat(records).allSatisfy(r -> assertThat(r.kind).isEqualTo(Ingested.Kind.MENTION));
        // Ingest keeps what the network said; the Listen job normalizes, and that is what analysts read.
        MentionNormalizer normalizer = new MentionNormalizer(100_000);
        return records.stream().map(r -> normalizer.normalize(r.mention)).toList();
    }

    @Test
    void atomEntriesKeepTheirIdsAuthorsDatesAndText() throws Exception {
        List<Mention> rsc = mentions(FeedDocuments.parse(FROM, fixture("rss-atom/russcox.atom"), NOW));
        assertThat(rsc).hasSize(19);
        Mention first = rsc.get(0);
        assertThat(first.id).isEqualTo("rss:tag:research.swtch.com,2012:research.swtch.com/tlog");
        assertThat(first.network).isEqualTo("rss");
        assertThat(first.title).isEqualTo("Transparent Logs for Skeptical Clients");
        assertThat(first.url).isEqualTo("http://research.swtch.com/tlog");
        assertThat(first.author.name).isEqualTo("Russ Cox");
        assertThat(first.publishedAt).isEqualTo(Instant.parse("2019-03-01T16:00:00Z"));
        assertThat(first.text).startsWith("Suppose we want to maintain and publish a public, append-only log of data.")
                .doesNotContain("<p>", "&lt;");
        assertThat(first.fetchedAt).isEqualTo(NOW);
        assertThat(mentions(FeedDocuments.parse(FROM, fixture("rss-atom/DaringFireball.atom"), NOW))).hasSize(48)
                .allSatisfy(m -> assertThat(m.publishedAt).isNotNull());
        assertThat(mentions(FeedDocuments.parse(FROM, fixture("rss-atom/4fsodonline.atom"), NOW))).isNotEmpty()
                .allSatisfy(m -> assertThat(m.id).startsWith("rss:"));
    }

    @Test
    void rssItemsUseGuidsAndRfc822Dates() throws Exception {
        List<Mention> manton = mentions(FeedDocuments.parse(FROM, fixture("rss-atom/manton.rss"), NOW));
        assertThat(manton).hasSize(10);
        Mention first = manton.get(0);
        assertThat(first.id).isEqualTo("rss:http://www.manton.org/?p=3071");
        assertThat(first.url).isEqualTo("http://www.manton.org/2015/09/3071.html");
        assertThat(first.publishedAt).isEqualTo(Instant.parse("2015-09-25T14:26:40Z"));
        assertThat(first.author.name).isEqualTo("manton");
        assertThat(first.text).isEqualTo("This week\u2019s Core Intuition is out with a discussion about new and old iPhones, "
                + "the latest rumors about an Apple Car, and a follow-up on WebKit for Apple TV.");
        assertThat(first.hashtags).contains("snippets");
        List<Mention> atp = mentions(FeedDocuments.parse(FROM, fixture("rss-atom/atp.rss"), NOW));
        assertThat(atp).hasSize(100);
        assertThat(atp).extracting(m -> m.id).doesNotHaveDuplicates();
        // Atom served as .rss: the parser goes by content, not by name.
        assertThat(mentions(FeedDocuments.parse(FROM, fixture("rss-atom/DaringFireball.rss"), NOW))).isNotEmpty();
    }

    @Test
    void jsonFeedItems() throws Exception {
        List<Mention> inessential = mentions(FeedDocuments.parse(FROM, fixture("rss-atom/inessential.json"), NOW));
        assertThat(inessential).hasSize(20);
        Mention first = inessential.get(0);
        assertThat(first.id).isEqualTo("rss:http://inessential.com/2017/06/02/james_dempsey_and_the_breakpoints_benefi");
        assertThat(first.publishedAt).isEqualTo(Instant.parse("2017-06-03T05:05:47Z"));
        assertThat(first.text).isNotBlank().doesNotContain("<p>");
        List<Mention> df = mentions(FeedDocuments.parse(FROM, fixture("rss-atom/DaringFireball.json"), NOW));
        assertThat(df).hasSize(48);
        assertThat(df.get(0).author.name).isEqualTo("John Gruber");
        assertThat(df.get(0).title).isEqualTo("The Talk Show: \u2018I Do Like Throwing a Baby\u2019");
    }

    @Test
    void mastodonTimelineAndStatuses() throws Exception {
        List<Mention> timeline = mentions(MastodonStatuses.parse(FROM, fixture("mastodon/public_timeline.json"), NOW));
        assertThat(timeline).hasSize(20);
        Mention first = timeline.get(0);
        assertThat(first.id).isEqualTo("mastodon:example.org/172429");
        assertThat(first.url).isNotBlank();
        assertThat(first.author.handle).isEqualTo("iorin0225");
        assertThat(first.publishedAt).isEqualTo(Instant.parse("2017-04-14T06:11:41.893Z"));
        assertThat(timeline).allSatisfy(m -> assertThat(m.text).doesNotContain("<p>", "</span>"));
        Mention status = mentions(MastodonStatuses.parse(FROM, fixture("mastodon/status.json"), NOW)).get(0);
        assertThat(status.text).isEqualTo("Test Status");
        assertThat(status.url).isEqualTo("https://mstdn.jp/test");
        assertThat(status.author.followers).isEqualTo(1L);
        assertThat(status.reach).isEqualTo(1L);
        for (String name : List.of("status_with_poll.json", "status_with_previewcard.json")) {
            assertThat(mentions(MastodonStatuses.parse(FROM, fixture("mastodon/" + name), NOW))).hasSize(1);
        }
    }

    @Test
    void jetstreamPostsDeletesAndOtherEvents() throws Exception {
        List<String> lines = Files.readAllLines(SharedData.path("feeds/bluesky-jetstream/expected_v1.jsonl"), StandardCharsets.UTF_8);
        List<Mention> posts = new ArrayList<>();
        List<String> deletions = new ArrayList<>();
        long lastCursor = 0;
        for (String line : lines) {
            if (line.isBlank()) continue;
            JetstreamEvents.Event e = JetstreamEvents.parse(FROM, line.getBytes(StandardCharsets.UTF_8), NOW);
            assertThat(e.timeUs()).isPositive();
            lastCursor = Math.max(lastCursor, e.timeUs());
            if (e.record() == null) continue;
            switch (e.record().kind) {
                case MENTION -> posts.add(e.record().mention);
                case DELETION -> deletions.add(e.record().deletedId);
                case PROBLEM -> throw new AssertionError(e.record().reason);
            }
        }
        long expectedPosts = lines.stream().filter(l -> l.contains("\"collection\":\"app.bsky.feed.post\"")
                && (l.contains("\"operation\":\"create\"") || l.contains("\"operation\":\"update\""))).count();
        assertThat(posts).hasSize((int) expectedPosts).isNotEmpty();
        Mention first = posts.get(0);
        assertThat(first.id).isEqualTo("bluesky:at://did:plc:dclwtltrt2ggsryagfzk7dp4/app.bsky.feed.post/3mptbyoeyc22k");
        assertThat(first.url).isEqualTo("https://bsky.app/profile/did:plc:dclwtltrt2ggsryagfzk7dp4/post/3mptbyoeyc22k");
        assertThat(first.lang).isEqualTo("en");
        assertThat(first.publishedAt).isEqualTo(Instant.parse("2026-07-04T14:38:06.240Z"));
        assertThat(first.links).contains("https://www.youtube.com/watch?v=V5lDo-jw8mA");
        assertThat(posts).anySatisfy(m -> assertThat(m.parentId).startsWith("bluesky:at://"));
        assertThat(deletions).allSatisfy(id -> assertThat(id).startsWith("bluesky:at://").contains("/app.bsky.feed.post/"));
        assertThat(lastCursor).isGreaterThan(1_783_175_888_000_000L);
    }

    @Test
    void redditPostsAndCommentTrees() throws Exception {
        RedditListings.Page page = RedditListings.parse(FROM, fixture("reddit/subreddit_posts.json"), NOW);
        List<Mention> posts = mentions(page.records());
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).id).isEqualTo("reddit:t3_agi5zf");
        assertThat(posts.get(0).title).isEqualTo("test");
        assertThat(posts.get(0).url).startsWith("https://www.reddit.com/r/test/");
        assertThat(posts.get(0).publishedAt).isNotNull();
        assertThat(page.newestFullname()).isEqualTo("reddit:t3_agi5zf".substring(7));
        List<Mention> thread = mentions(RedditListings.parse(FROM, fixture("reddit/post_post.json"), NOW).records());
        assertThat(thread).hasSizeGreaterThan(1);
        assertThat(thread.get(0).id).startsWith("reddit:t3_");
        assertThat(thread.subList(1, thread.size())).allSatisfy(c -> {
            assertThat(c.id).startsWith("reddit:t1_");
            assertThat(c.threadId).isEqualTo(thread.get(0).id);
            assertThat(c.parentId).startsWith("reddit:t");
        });
        assertThat(mentions(RedditListings.parse(FROM, fixture("reddit/user_comments.json"), NOW).records())).isNotEmpty();
        assertThat(mentions(RedditListings.parse(FROM, fixture("reddit/listings_posts.json"), NOW).records())).isNotEmpty();
    }

    @Test
    void hackerNewsItems() throws Exception {
        Mention story = HackerNewsItems.parse(FROM, fixture("hackernews/story_8863.json"), NOW).mention;
        assertThat(story.id).isEqualTo("hackernews:8863");
        assertThat(story.title).isEqualTo("My YC app: Dropbox - Throw away your USB drive");
        assertThat(story.author.handle).isEqualTo("dhouston");
        assertThat(story.publishedAt).isEqualTo(Instant.ofEpochSecond(1175714200));
        assertThat(story.links).contains("http://www.getdropbox.com/u/2/screencast.html");
        assertThat(story.engagement.replies).isEqualTo(71);
        Mention comment = new MentionNormalizer(100_000).normalize(
                HackerNewsItems.parse(FROM, fixture("hackernews/comment_2921983.json"), NOW).mention);
        assertThat(comment.parentId).isEqualTo("hackernews:2921506");
        assertThat(comment.text).startsWith("Aw shucks, guys").contains("\n").doesNotContain("<p>");
        assertThat(HackerNewsItems.parse(FROM, fixture("hackernews/job_192327.json"), NOW).mention.id).isEqualTo("hackernews:192327");
        assertThat(HackerNewsItems.parse(FROM, fixture("hackernews/poll_126809.json"), NOW).mention.title).isNotBlank();
        assertThat(HackerNewsItems.parse(FROM, fixture("hackernews/pollopt_160705.json"), NOW)).isNull();
        assertThat(HackerNewsItems.parse(FROM, "null".getBytes(StandardCharsets.UTF_8), NOW)).isNull();
    }

    @Test
    void hostileAndBrokenDocumentsAreRefusedWithTheirReason() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<rss version=\"2.0\"><channel><title>t</title><item><title>&x;</title><guid>1</guid></item></channel></rss>")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> FeedDocuments.parse(FROM, xxe, NOW)).isInstanceOf(FetchException.class)
                .hasMessageContaining("DOCTYPE").satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo(FetchException.Kind.MALFORMED));
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) bomb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        bomb.append("]><rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>");
        assertThatThrownBy(() -> FeedDocuments.parse(FROM, bomb.toString().getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(FetchException.class).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> FeedDocuments.parse(FROM, "<rss><channel><item>".getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(FetchException.class).hasMessageContaining("malformed payload from https://example.org/feed");
        assertThatThrownBy(() -> MastodonStatuses.parse(FROM, "[{\"id\": ".getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(FetchException.class).hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> RedditListings.parse(FROM, "{\"kind\":\"t3\"}".getBytes(StandardCharsets.UTF_8), NOW))
                .hasMessageContaining("expected a Reddit Listing");
    }
}
