package org.earshot.pipeline.nlp;

/** Pattern's Italian lexicon and the emoji ranking: {@link LexiconFeatures} as OpenNLP loads them, by name. */
public final class ItalianLexiconFeatures extends LexiconFeatures {
    public ItalianLexiconFeatures() {
        super(Lexicons.ITALIAN);
    }
}
