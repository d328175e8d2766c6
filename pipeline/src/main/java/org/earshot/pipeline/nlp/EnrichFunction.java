package org.earshot.pipeline.nlp;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Sentiment;

/**
 * Sets a mention's language, sentiment and emotion. The models are loaded once per subtask (and
 * shared within the JVM). Sentiment and emotion models exist for English so far: a mention in
 * another language, or in none Earshot can tell, is neutral with confidence 0 and has emotion
 * {@code none}, a defined answer rather than a guess from the wrong model.
 */
public final class EnrichFunction extends RichMapFunction<Mention, Mention> {
    static final String MODELLED_LANGUAGE = "en";

    private transient LanguageDetection language;
    private transient TextClassifier sentiment;
    private transient TextClassifier emotion;

    @Override
    public void open(OpenContext context) {
        language = new LanguageDetection();
        sentiment = TextClassifier.sentiment();
        emotion = TextClassifier.emotion();
    }

    @Override
    public Mention map(Mention m) {
        String text = m.title == null ? m.text : m.title + "\n" + m.text;
        m.lang = language.detect(text, m.lang).code();
        if (MODELLED_LANGUAGE.equals(m.lang)) {
            TextClassifier.Label feeling = sentiment.classify(text);
            m.sentiment = new Sentiment(feeling.label(), feeling.probability());
            m.emotion = emotion.classify(text).label();
        } else {
            m.sentiment = new Sentiment("neutral", 0);
            m.emotion = "none";
        }
        return m;
    }
}
