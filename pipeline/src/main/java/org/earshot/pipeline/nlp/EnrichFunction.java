package org.earshot.pipeline.nlp;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Sentiment;

/** Sets a mention's language, sentiment and emotion as {@link PostReader} reads them (title and text together). */
public final class EnrichFunction extends RichMapFunction<Mention, Mention> {
    private transient PostReader reader;

    @Override
    public void open(OpenContext context) {
        reader = new PostReader();
    }

    @Override
    public Mention map(Mention m) {
        PostReader.Reading reading = reader.read(m.title == null ? m.text : m.title + "\n" + m.text, m.lang);
        m.lang = reading.language().code();
        m.sentiment = new Sentiment(reading.sentiment().label(), reading.sentiment().probability());
        m.emotion = reading.emotion().label();
        return m;
    }
}
