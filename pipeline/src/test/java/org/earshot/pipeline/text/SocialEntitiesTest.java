package org.earshot.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SocialEntitiesTest {
    @Test
    void findsUnicodeHashtagsOnceInLowerCase() {
        assertThat(SocialEntities.hashtags("Loving #AuroraX5 and #café #東京 — #aurorax5 again! #1 issue, C# and a&#38;b"))
                .containsExactly("aurorax5", "café", "東京");
    }

    @Test
    void findsTwitterMastodonAndBlueskyHandlesButNotEmails() {
        assertThat(SocialEntities.mentions("cc @AuroraMobile @ana@mastodon.social @bob.bsky.social, mail me at x@y.example"))
                .containsExactly("auroramobile", "ana@mastodon.social", "bob.bsky.social");
    }

    @Test
    void findsLinksWithoutTrailingPunctuation() {
        assertThat(SocialEntities.links("see https://aurora.example/x5?a=1. and (https://en.wikipedia.example/wiki/Foo_(bar)), ok?"))
                .containsExactly("https://aurora.example/x5?a=1", "https://en.wikipedia.example/wiki/Foo_(bar)");
    }

    @Test
    void emptyAndNullGiveEmptyLists() {
        assertThat(SocialEntities.hashtags(null)).isEmpty();
        assertThat(SocialEntities.mentions("")).isEmpty();
        assertThat(SocialEntities.links("no links here")).isEmpty();
    }
}
