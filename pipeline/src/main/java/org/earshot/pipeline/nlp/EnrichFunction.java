package org.earshot.pipeline.nlp;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Sentiment;

/**
 * Sets a mention's language, sentiment and emotion. The models are loaded once per subtask (and
 * shared within the JVM). Sentiment models exist for the languages of
 * {@link TextClassifier#SENTIMENT_LANGUAGES}, emotion for English: a mention in another language,
 * or in none Earshot can tell, is neutral with confidence 0 and has emotion {@code none}, a
 * defined answer rather than a guess from the wrong model.
 */
public final class EnrichFunction extends RichMapFunction<Mention, Mention> {
    static final String EMOTION_LANGUAGE = "en";

    private transient LanguageDetection language;
    private transient Map<String, TextClassifier> sentiment;
    private transient TextClassifier emotion;

    @Override
    public void open(OpenContext context) {
        language = new LanguageDetection();
        sentiment = new HashMap<>();
        for (String lang : TextClassifier.SENTIMENT_LANGUAGES) sentiment.put(lang, TextClassifier.sentiment(lang).orElseThrow());
        emotion = TextClassifier.emotion();
    }

    @Override
    public Mention map(Mention m) {
        String text = m.title == null ? m.text : m.title + "\n" + m.text;
        m.lang = language.detect(text, m.lang).code();
        TextClassifier model = sentiment.get(m.lang);
        TextClassifier.Label feeling = model == null ? new TextClassifier.Label("neutral", 0) : model.classify(text);
        m.sentiment = new Sentiment(feeling.label(), feeling.probability());
        m.emotion = EMOTION_LANGUAGE.equals(m.lang) ? emotion.classify(text).label() : "none";
        return m;
    }
}
