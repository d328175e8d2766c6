package org.earshot.pipeline.nlp;

/** Pattern's French lexicon and the emoji ranking: {@link LexiconFeatures} as OpenNLP loads them, by name. */
public final class FrenchLexiconFeatures extends LexiconFeatures {
    public FrenchLexiconFeatures() {
        super(Lexicons.FRENCH);
    }
}
