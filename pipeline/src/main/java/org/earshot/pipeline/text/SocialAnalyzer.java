package org.earshot.pipeline.text;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

/**
 * The one analyzer for social text, at index time and at query time, so that a query word and the
 * text it should match become the same tokens:
 *
 * <ul>
 *   <li>URLs stay whole and add their host ({@code www.} dropped) at the same position;
 *   <li>{@code #hashtags} and {@code @mentions} (also {@code @user@instance.social}) stay whole;
 *   <li>words keep inner apostrophes, hyphens and dots ({@code don't}, {@code co-op},
 *       {@code acme.com}), lose a possessive ({@code Acme's}, {@code Acme’s} → {@code acme}) and
 *       then the apostrophes and hyphens ({@code dont}, {@code coop});
 *   <li>{@linkplain #forIndex() for text that is indexed}, a hashtag or @-mention also stands for
 *       its word at the same position ({@code #Acme} → {@code #acme} and {@code acme}), and a
 *       hyphenated compound for its parts ({@code acme-phone} → {@code acmephone} and {@code acme}
 *       at one position, {@code phone} at the next), so the analysts' word {@code acme} finds
 *       all the forms a brand takes; {@linkplain #forQuery() a query} is read without them, so
 *       {@code #acme} still finds only the hashtag;
 *   <li>letters repeated three times or more are cut to two ({@code sooooo} → {@code soo});
 *   <li>each emoji, and each Han, Hiragana or Katakana character, is a token of its own (CJK words
 *       become phrases of characters), Arabic is normalized;
 *   <li>everything is lower-cased and accent-folded.
 * </ul>
 */
public final class SocialAnalyzer extends Analyzer {
    private final boolean expand;

    private SocialAnalyzer(boolean expand) {
        this.expand = expand;
    }

    /** For the text of posts, as indexes (and the matcher's one-post index) hold it. */
    public static SocialAnalyzer forIndex() {
        return new SocialAnalyzer(true);
    }

    /** For the words of a query, and wherever a text is counted word by word (trending terms). */
    public static SocialAnalyzer forQuery() {
        return new SocialAnalyzer(false);
    }

    @Override
    protected TokenStreamComponents createComponents(String field) {
        SocialTokenizer tokenizer = new SocialTokenizer();
        TokenStream stream = new SocialTokenFilter(tokenizer, expand);
        // Lower-cases every script like LowerCaseFilter, and also drops Greek accents and final sigma,
        // which ASCII folding leaves alone: "Αθήνα" and "ΑΘΗΝΑ" are one word.
        stream = new GreekLowerCaseFilter(stream);
        stream = new ArabicNormalizationFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected TokenStream normalize(String field, TokenStream in) {
        return new ASCIIFoldingFilter(new ArabicNormalizationFilter(new GreekLowerCaseFilter(in)));
    }
}
