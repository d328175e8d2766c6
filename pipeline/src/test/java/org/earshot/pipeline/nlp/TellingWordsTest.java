package org.earshot.pipeline.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shipped word lists: read without their comments, counted once per different word. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class TellingWordsTest {
    @Test
    void countsDifferentWordsWhateverTheirCase() {
        assertThat(TellingWords.GERMAN.count("Danke danke DANKE")).isEqualTo(1);
        assertThat(TellingWords.GERMAN.count("Happy Birthday ich wünsche dir alles Gute")).isEqualTo(3); // ich, dir, gute
        assertThat(TellingWords.HINDI.count("yaar kya hua bahut bura laga")).isEqualTo(4); // yaar, kya, hua, bahut
        assertThat(TellingWords.HINDI.count("")).isZero();
    }

    /** A contraction as letters leave it ({@code i m}) counts where its two words stand together, once. */
    @Test
    void twoWordEntriesCountWhereTheirWordsStandTogether() {
        assertThat(TellingWords.ENGLISH.contains("i m")).isTrue();
        assertThat(TellingWords.ENGLISH.count("I m ok i m")).isEqualTo(1);
        assertThat(TellingWords.ENGLISH.count("m i")).isZero();
        assertThat(TellingWords.ENGLISH.count("I m ok we re ok")).isEqualTo(2);
    }

    @Test
    void commentsAreNotWordsAndNeighboursWordsAreLeftOut() {
        assertThat(TellingWords.GERMAN.contains("#")).isFalse();
        assertThat(TellingWords.GERMAN.contains("words")).isFalse();
        // Dutch, Danish and English share these with German.
        assertThat(TellingWords.GERMAN.contains("die")).isFalse();
        assertThat(TellingWords.GERMAN.contains("den")).isFalse();
        assertThat(TellingWords.GERMAN.contains("hier")).isFalse();
        // Tagalog's ka, Turkish's ek, English's to.
        assertThat(TellingWords.HINDI.contains("ka")).isFalse();
        assertThat(TellingWords.HINDI.contains("ek")).isFalse();
        assertThat(TellingWords.HINDI.contains("to")).isFalse();
        assertThat(TellingWords.HINDI.contains("nahi")).isTrue();
    }
}
