package org.earshot.pipeline.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lexicon features: each lexicon loads, scores land in the right bins, negation flips them. */
class LexiconFeaturesTest {
    static java.util.Collection<String> features(String text) {
        return new LexiconFeatures().extractFeatures(SocialTokens.of(text), Map.of());
    }

    @Test
    void everyShippedLexiconLoadsAndScoresWhatItShould() {
        assertThat(Lexicons.VADER.score("horrible")).isNegative();
        assertThat(Lexicons.AFINN.score("love")).isPositive();
        assertThat(Lexicons.BING.score("awful")).isEqualTo(-1.0);
        assertThat(Lexicons.EMOJI.score("\uD83D\uDE02")).isPositive(); // face with tears of joy
        assertThat(Lexicons.VADER.scores()).hasSizeGreaterThan(7_000);
        assertThat(Lexicons.BING.scores()).hasSizeGreaterThan(6_500);
    }

    @Test
    void positiveNegativeAndNegatedPosts() {
        assertThat(features("I love this phone, it is great")).contains("lx=bing:pos3", "lx=bing:neg0", "lx=bing:bal+3", "lx=vader:last+");
        assertThat(features("awful, horrible service")).contains("lx=bing:neg3", "lx=bing:bal-3", "lx=bing:last-");
        // "not good": the score counts for the other side.
        assertThat(features("this is not good")).contains("lx=bing:pos0", "lx=bing:last-");
        // A negation ends with its clause: "good" after the full stop, the question or the exclamation counts as good.
        assertThat(features("not today. good")).contains("lx=bing:pos2", "lx=bing:neg0", "lx=bing:last+");
        assertThat(features("not today? good")).contains("lx=bing:pos2", "lx=bing:last+");
        assertThat(features("not today! good")).contains("lx=bing:pos2", "lx=bing:last+");
        assertThat(features("")).contains("lx=vader:pos0", "lx=vader:neg0", "lx=vader:bal00");
        assertThat(features("great but terrible")).contains("lx=bing:mixed");
    }

    @Test
    void eachLanguageHasItsOwnLexicons() {
        assertThat(Lexicons.PATTERN_FR.score("magnifique")).isPositive();
        assertThat(Lexicons.PATTERN_IT.score("orribile")).isNegative();
        assertThat(LexiconFeatures.forLanguage("fr").extractFeatures(SocialTokens.of("un service horrible \uD83D\uDE21"), Map.of()))
                .contains("lx=pattern-fr:neg2", "lx=pattern-fr:last-", "lx=emoji:last-").noneMatch(f -> f.startsWith("lx=vader"));
        assertThat(LexiconFeatures.forLanguage("it").extractFeatures(SocialTokens.of("non è bello"), Map.of()))
                .contains("lx=pattern-it:last-");
        // A language without a word lexicon still reads emoji.
        assertThat(LexiconFeatures.forLanguage("de").extractFeatures(SocialTokens.of("Super \uD83D\uDE02"), Map.of()))
                .containsExactlyInAnyOrder("lx=emoji:pos1", "lx=emoji:neg0", "lx=emoji:bal+1", "lx=emoji:last+");
        // Models name their feature generators; OpenNLP finds each by its plain class name.
        assertThat(LexiconFeatures.forLanguage("fr").getClass().getCanonicalName()).isEqualTo(FrenchLexiconFeatures.class.getName());
    }
}
