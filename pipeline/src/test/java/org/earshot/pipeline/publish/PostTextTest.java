package org.earshot.pipeline.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.earshot.pipeline.publish.PostText.Facet;
import org.earshot.pipeline.publish.PostText.Kind;
import org.earshot.schemas.Publication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lengths as the networks count them, and facets whose byte ranges cut exactly the marked text out of its UTF-8. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class PostTextTest {
    @Test
    void graphemesCountWhatAReaderSeesAsOneCharacter() {
        assertThat(PostText.graphemes("abc")).isEqualTo(3);
        assertThat(PostText.graphemes("e\u0301")).as("e + combining acute").isEqualTo(1);
        assertThat(PostText.graphemes("👩‍👩‍👧")).as("a family: 5 code points, 8 chars").isEqualTo(1);
        assertThat(PostText.graphemes("👍🏽")).as("a thumb with its skin tone").isEqualTo(1);
        assertThat(PostText.graphemes("🇯🇵")).as("a flag: two regional indicators").isEqualTo(1);
        // Java 17 follows UAX #29 before Unicode 15.1's conjunct rule: स्ते is two clusters here, one in newer segmenters.
        // Counting one more errs on the safe side: a post is refused a character early, never sent over the limit.
        assertThat(PostText.graphemes("नमस्ते")).as("Devanagari clusters").isEqualTo(4);
        assertThat(PostText.graphemes("日本語")).isEqualTo(3);
    }

    @Test
    void mastodonCountsEveryUrlAs23AndARemoteMentionAsItsLocalPart() {
        assertThat(PostText.mastodonLength("see https://example.com/a/very/long/path/that/goes/on?and=on", 23)).isEqualTo(4 + 23);
        assertThat(PostText.mastodonLength("hi @alice@mastodon.social!", 23)).isEqualTo("hi @alice!".length());
        assertThat(PostText.mastodonLength("(https://x.y/z).", 23)).as("closing punctuation is not the URL's").isEqualTo(1 + 23 + 2);
    }

    @Test
    void facetRangesAreUtf8BytesAroundEmojiCombiningMarksAndOtherScripts() {
        String text = "Café́ 👩‍👩‍👧 says #日本語 and #naïve, ask @alice.bsky.social — read https://例え.jp/パス?q=1. #2024 is no tag नमस्ते #हिन्दी";
        List<Facet> facets = PostText.facets(text);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertThat(facets).extracting(Facet::kind, f -> slice(utf8, f)).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.TAG, "#日本語"),
                org.assertj.core.groups.Tuple.tuple(Kind.TAG, "#naïve"),
                org.assertj.core.groups.Tuple.tuple(Kind.MENTION, "@alice.bsky.social"),
                org.assertj.core.groups.Tuple.tuple(Kind.LINK, "https://例え.jp/パス?q=1"),
                org.assertj.core.groups.Tuple.tuple(Kind.TAG, "#हिन्दी"));
        assertThat(facets).extracting(Facet::value).containsExactly("日本語", "naïve", "alice.bsky.social", "https://例え.jp/パス?q=1", "हिन्दी");
        // Worked by hand: "Café́ " is C,a,f (3) + é (2) + U+0301 (2) + space (1) = 8 bytes; the family is 18 bytes and a
        // space; " says " is 6: the first tag starts at byte 8 + 18 + 6 = 32 and is # (1) + three 3-byte characters.
        assertThat(facets.get(0).byteStart()).isEqualTo(32);
        assertThat(facets.get(0).byteEnd()).isEqualTo(42);
    }

    @Test
    void aHashOrAtInsideALinkIsPartOfTheLink() {
        List<Facet> facets = PostText.facets("docs at https://example.com/page#section and https://example.com/@bob.example.com");
        assertThat(facets).extracting(Facet::kind).containsExactly(Kind.LINK, Kind.LINK);
    }

    @Test
    void limitsNameWhatIsOver() {
        assertThat(Limits.BLUESKY.refusal("👍🏽".repeat(300), List.of())).isNull();
        assertThat(Limits.BLUESKY.refusal("👍🏽".repeat(301), List.of())).isEqualTo("text is 301 characters and bluesky takes at most 300");
        Limits mastodon = Limits.mastodon(500, 23, 4, 16L << 20, Limits.IMAGES);
        String longUrl = "https://example.com/" + "x".repeat(600);
        assertThat(mastodon.refusal("a".repeat(470) + " " + longUrl, List.of())).as("the URL counts as 23").isNull();
        assertThat(mastodon.refusal("a".repeat(480) + " " + longUrl, List.of())).contains("504 characters").contains("each URL counts as 23");
        MediaFile pdf = new MediaFile("report.pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII), MediaFile.sniff("%PDF-1.7".getBytes(StandardCharsets.US_ASCII)), "");
        assertThat(mastodon.refusal("see", List.of(pdf))).startsWith("media report.pdf is application/octet-stream and mastodon takes image/gif");
        byte[] png = new byte[1_000_001];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, png, 0, 8);
        assertThat(Limits.BLUESKY.refusal("see", List.of(new MediaFile("big.png", png, MediaFile.sniff(png), "a chart"))))
                .isEqualTo("media big.png is 1,000,001 bytes and bluesky takes at most 1,000,000");
    }

    @Test
    void aRecordKeyIsAValidTidAndTheSameForEveryAttempt() {
        Publication p = Publications.of("a", "bluesky", "hi", null, null, "me", java.time.Instant.parse("2026-12-03T10:15:30.123456Z"));
        String key = RecordKeys.of(p);
        assertThat(key).matches("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}").isEqualTo(RecordKeys.of(p));
        Publication other = Publications.of("a", "bluesky", "hi", null, null, "me", p.createdAt);
        assertThat(RecordKeys.of(other)).as("another publication of the same microsecond").isNotEqualTo(key);
        assertThat(RecordKeys.tid(0, 0)).isEqualTo("2222222222222");
    }

    private static String slice(byte[] utf8, Facet f) {
        return new String(Arrays.copyOfRange(utf8, f.byteStart(), f.byteEnd()), StandardCharsets.UTF_8);
    }
}
