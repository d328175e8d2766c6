package org.earshot.pipeline.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a classifier reads a post. */
class SocialTokensTest {
    @Test
    void placeholdersMarksAndFolding() {
        assertThat(SocialTokens.of("@Acme I don't LOVE it, sooooo slow!!! https://x.co/1 #fail :( <3 😡 Café 2024"))
                .containsExactly("<user>", "i", "dont", "<allcaps>", "love", "it", ".", "<elong>", "soo", "slow", "!", ".",
                        "<url>", "fail", "<sad>", "<heart>", "😡", "cafe", "<num>");
    }

    @Test
    void negationEndsAtTheClauseAndIntensifiersMarkTheirWord() {
        var features = new SentimentFeatures().extractFeatures(SocialTokens.of("not good, very bad"), java.util.Map.of());
        assertThat(features).contains("w=NOT_good", "w=bad", "i=bad").doesNotContain("w=NOT_bad", "w=good");
    }

    @Test
    void aHugeTextIsReadOnlyFromItsStart() {
        assertThat(SocialTokens.of("word ".repeat(1_000_000)).length).isLessThanOrEqualTo(SocialTokens.MAX_CHARS / 2 + 1);
    }
}
