package org.earshot.pipeline.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A post's language, sentiment and emotion as the Listen job sets them. */
class PostReaderTest {
    @Test
    void aPostTheSentimentModelIsSureIsNeutralHasNoEmotion() {
        TextClassifier.Label joy = new TextClassifier.Label("joy", 0.6);
        assertThat(PostReader.emotionGiven(new TextClassifier.Label("neutral", 0.85), joy).label()).isEqualTo("none");
        assertThat(PostReader.emotionGiven(new TextClassifier.Label("neutral", 0.6), joy)).isEqualTo(joy);
        assertThat(PostReader.emotionGiven(new TextClassifier.Label("positive", 0.95), joy)).isEqualTo(joy);
    }

    @Test
    void readsLanguageSentimentAndEmotion() {
        PostReader reader = new PostReader();
        PostReader.Reading angry = reader.read("the aurora-phone crashed again, so angry", null);
        assertThat(angry.language().code()).isEqualTo("en");
        assertThat(angry.sentiment().label()).isEqualTo("negative");
        assertThat(angry.emotion().label()).isEqualTo("anger");
        PostReader.Reading german = reader.read("Der Kundenservice ist eine Katastrophe, das Telefon geht seit gestern nicht mehr", null);
        assertThat(german.language().code()).isEqualTo("de");
        assertThat(german.emotion().label()).as("emotion is read in English only").isEqualTo("none");
        assertThat(reader.read("anything", "fr").language().code()).as("the network's tag wins").isEqualTo("fr");
    }

    @Test
    void explainsAnAnswerByTheFeaturesThatWeighedMost() {
        TextClassifier sentiment = TextClassifier.sentiment();
        var weights = sentiment.explain("worst phone ever, so angry", "negative", 5);
        assertThat(weights).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        assertThat(weights).isSortedAccordingTo((a, b) -> Double.compare(b.weight(), a.weight()));
        assertThat(weights).allSatisfy(w -> assertThat(w.weight()).isPositive());
        assertThat(weights).anySatisfy(w -> assertThat(w.feature()).contains("worst"));
        assertThat(sentiment.explain("worst phone ever", "no-such-class", 5)).isEmpty();
    }
}
