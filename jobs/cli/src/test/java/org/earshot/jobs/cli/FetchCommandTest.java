package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.earshot.local.networks.LocalNetworks;
import org.earshot.pipeline.ingest.poll.Network;
import org.earshot.schemas.Author;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;
import org.junit.jupiter.api.Test;

/** {@code earshot fetch}: a preview of each network as normalized Mentions, one JSON object per line. */
class FetchCommandTest {
    @Test
    void printsEachNetworksPostsAsMentionsAndRefusesLoopbackUnlessAllowed() throws Exception {
        try (LocalNetworks networks = new LocalNetworks()) {
            for (Network n : List.of(Network.RSS, Network.MASTODON, Network.REDDIT, Network.HACKERNEWS)) {
                for (int i = 0; i < 3; i++) {
                    Mention m = new Mention();
                    m.text = n.label() + " post " + i + " #earshot";
                    m.author = new Author("someone", null, null, 5L);
                    m.publishedAt = Instant.now();
                    networks.add(n.label(), m);
                }
            }
            String base = networks.baseUrl(Network.MASTODON.label());
            CapturedRun rss = CapturedRun.of("fetch", "rss", networks.baseUrl(Network.RSS.label()), "--once", "--allow-private");
            CapturedRun mastodon = CapturedRun.of("fetch", "mastodon", base, "--tag", "earshot", "--once", "--allow-private");
            CapturedRun reddit = CapturedRun.of("fetch", "reddit", base, "--subreddit", "earshot", "--once", "--allow-private");
            CapturedRun hn = CapturedRun.of("fetch", "hackernews", base, "--once", "--allow-private");
            for (CapturedRun r : List.of(rss, mastodon, reddit, hn)) {
                assertThat(r.exit()).as(r.err()).isZero();
                List<String> lines = r.out().lines().toList();
                assertThat(lines).hasSize(3);
                for (String line : lines) {
                    Mention m = Json.fromBytes(line.getBytes(java.nio.charset.StandardCharsets.UTF_8), Mention.class);
                    assertThat(m.id).isNotBlank();
                    assertThat(m.hashtags).contains("earshot");
                }
                assertThat(r.err()).contains("3 mention(s) from");
            }
            assertThat(mastodon.out()).contains("\"network\":\"mastodon\"");

            CapturedRun refused = CapturedRun.of("fetch", "rss", networks.baseUrl(Network.RSS.label()), "--once");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).contains("a loopback address; to fetch from it, set allow-private for this source (or --allow-private)");

            CapturedRun noTarget = CapturedRun.of("fetch", "mastodon", base, "--once", "--allow-private");
            assertThat(noTarget.exit()).isEqualTo(2);
            assertThat(noTarget.err()).contains("needs a tag or public: true");
        }
    }
}
