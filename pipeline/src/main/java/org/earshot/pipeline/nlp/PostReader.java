package org.earshot.pipeline.nlp;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What Earshot reads in a post: its language, its sentiment and its emotion, as the Listen job
 * sets them and {@code earshot score} explains them. Sentiment models exist for the languages of
 * {@link TextClassifier#SENTIMENT_LANGUAGES}, emotion for English: a post in another language, or
 * in none Earshot can tell, is neutral with probability 0 and has emotion {@code none}, a defined
 * answer rather than a guess from the wrong model. Not thread-safe: one per subtask (the models
 * are loaded once per JVM and shared).
 */
public final class PostReader {
    static final String EMOTION_LANGUAGE = "en";
    /**
     * A post the sentiment model is at least this sure is neutral has no emotion. The emotion model
     * was trained on emotional tweets only, so it gives every post one of its four: on TweetEval's
     * neutral validation tweets it answered {@code none} for 2 in 869. Chosen by 5-fold
     * cross-validation on TweetEval emotion's train split as the lowest bar that costs no right
     * emotion there (0.75 cost 0.001 accuracy); see pipeline/README.md for the figures.
     */
    static final double NEUTRAL_HAS_NO_EMOTION = 0.8;

    /** A post's language, sentiment and emotion, each with the model's confidence. */
    public record Reading(LanguageDetection.Detected language, TextClassifier.Label sentiment, TextClassifier.Label emotion) {}

    private final LanguageDetection language = new LanguageDetection();
    private final Map<String, TextClassifier> sentiment = new HashMap<>();
    private final TextClassifier emotion = TextClassifier.emotion();

    public PostReader() {
        for (String lang : TextClassifier.SENTIMENT_LANGUAGES) sentiment.put(lang, TextClassifier.sentiment(lang).orElseThrow());
    }

    /**
     * Reads {@code text}; {@code languageHint}, a network's own ISO 639-1 tag, wins over detection. The post is
     * tokenized once for both models, and the emotion model runs only where its answer is used.
     */
    public Reading read(String text, String languageHint) {
        LanguageDetection.Detected lang = language(text, languageHint);
        TextClassifier model = sentiment.get(lang.code());
        boolean emotional = EMOTION_LANGUAGE.equals(lang.code());
        String[] tokens = model == null && !emotional ? null : tokens(text);
        TextClassifier.Label feeling = model == null ? new TextClassifier.Label("neutral", 0) : sentiment(model, tokens);
        TextClassifier.Label felt = emotional && !surelyNeutral(feeling) ? emotion(tokens) : new TextClassifier.Label("none", 0);
        return new Reading(lang, feeling, felt);
    }

    // One method per step, so that a profile (earshot bench ingest) can tell their costs apart.

    private LanguageDetection.Detected language(String text, String hint) {
        return language.detect(text, hint);
    }

    private static String[] tokens(String text) {
        return SocialTokens.of(text);
    }

    private static TextClassifier.Label sentiment(TextClassifier model, String[] tokens) {
        return model.classifyTokens(tokens);
    }

    private TextClassifier.Label emotion(String[] tokens) {
        return emotion.classifyTokens(tokens);
    }

    /** The sentiment model for a language, if Earshot has one (for explaining its answer). */
    public Optional<TextClassifier> sentimentModel(String language) {
        return Optional.ofNullable(sentiment.get(language));
    }

    public TextClassifier emotionModel() {
        return emotion;
    }

    /** The emotion model's answer, or {@code none} for a post the sentiment model is sure is neutral. */
    public static TextClassifier.Label emotionGiven(TextClassifier.Label sentiment, TextClassifier.Label emotion) {
        return surelyNeutral(sentiment) ? new TextClassifier.Label("none", 0) : emotion;
    }

    private static boolean surelyNeutral(TextClassifier.Label sentiment) {
        return sentiment.label().equals("neutral") && sentiment.probability() >= NEUTRAL_HAS_NO_EMOTION;
    }
}
