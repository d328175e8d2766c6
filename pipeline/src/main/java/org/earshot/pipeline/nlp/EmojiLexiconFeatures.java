package org.earshot.pipeline.nlp;

/** The emoji ranking alone, for a language without a lexicon of its words: {@link LexiconFeatures} as OpenNLP loads them, by name. */
public final class EmojiLexiconFeatures extends LexiconFeatures {
    public EmojiLexiconFeatures() {
        super(Lexicons.ANY_LANGUAGE);
    }
}
