package org.earshot.pipeline.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/** A text through an analyzer, as a list: each token and whether it shares the previous one's position. */
public final class Tokens {
    /** One token; {@code samePosition} marks an alternative to the one before (a URL's host, say). */
    public record Token(String text, boolean samePosition) {}

    private Tokens() {}

    public static List<Token> of(Analyzer analyzer, String field, String text) {
        List<Token> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) out.add(new Token(term.toString(), increment.getPositionIncrement() == 0));
            stream.end();
        } catch (IOException e) {
            throw new IllegalStateException("cannot analyze '" + text + "'", e);
        }
        return out;
    }
}
