package org.earshot.pipeline.text;

import java.io.IOException;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The tokens of social text, before {@link SocialTokenFilter} and the stock filters, as a scan of the characters. It
 * stands for Lucene's {@code PatternTokenizer} with this expression, tried in this order at each code point:
 *
 * <pre>
 * https?://[^\s&lt;&gt;"'()]*[^\s&lt;&gt;"'().,;:!?]       a URL, without the punctuation after it
 * #[\p{L}\p{M}\p{N}_]+                             a hashtag
 * &#64;[\p{L}\p{M}\p{N}_]+(?:[.&#64;][\p{L}\p{M}\p{N}_]+)*     a handle, also &#64;user&#64;instance.social
 * one Han, Hiragana or Katakana character          (CJK words become phrases of characters)
 * [\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*   a word, with inner apostrophes, dots and hyphens
 * \p{So}                                           an emoji or other symbol, one each
 * </pre>
 *
 * The expression, tried at every position of every post the matcher, the search index and the trending terms read,
 * was a third of their analysis (JFR, {@code earshot bench ingest}); the tests hold this scan to it, token for token
 * and offset for offset.
 */
final class SocialTokenizer extends Tokenizer {
    private static final Scan.Chars URL = new Scan.Chars(cp -> Scan.NOT_SPACE.test(cp) && "<>\"'()".indexOf(cp) < 0);
    private static final int SYMBOL = 1 << Character.OTHER_SYMBOL;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final StringBuilder read = new StringBuilder();
    private final char[] chunk = new char[8192];
    private String text = "";
    private int at;

    @Override
    public boolean incrementToken() {
        clearAttributes();
        while (at < text.length()) {
            int start = at;
            int end = tokenEnd(text, start);
            if (end > start) {
                at = end;
                term.setEmpty().append(text, start, end);
                offset.setOffset(correctOffset(start), correctOffset(end));
                return true;
            }
            at += Character.charCount(text.codePointAt(start)); // as a Pattern's search moves on, a code point at a time
        }
        return false;
    }

    /** The end of the token that starts at {@code i}, or -1 when none does. */
    static int tokenEnd(String s, int i) {
        int end;
        if ((end = url(s, i)) > 0) return end;
        if ((end = Scan.marked(s, i, '#', Scan.NAME)) > 0) return end;
        if (s.charAt(i) == '@' && (end = Scan.joined(s, i + 1, Scan.NAME, ".@")) > 0) return end;
        int cp = s.codePointAt(i);
        if (cjk(cp)) return i + Character.charCount(cp);
        if ((end = Scan.joined(s, i, Scan.WORD, "'’.-")) > 0) return end;
        return Scan.is(cp, SYMBOL) ? i + Character.charCount(cp) : -1;
    }

    /** {@code https?://[^\s<>"'()]*[^\s<>"'().,;:!?]}: the run of URL characters, up to its last one that is not punctuation. */
    private static int url(String s, int i) {
        int from = s.startsWith("http://", i) ? i + 7 : s.startsWith("https://", i) ? i + 8 : -1;
        if (from < 0) return -1;
        int end = Scan.run(s, from, URL);
        while (end > from && ".,;:!?".indexOf(s.charAt(end - 1)) >= 0) end--; // the trailing punctuation is given back, char by char
        return end > from ? end : -1;
    }

    /**
     * A Han, Hiragana or Katakana character. None lies below U+2E80, nor among the emoji and other symbols of U+1F000
     * to U+1FAFF but U+1F200 (a squared hiragana), so a range test spares nearly every character the search of
     * Unicode's script table.
     */
    static boolean cjk(int cp) {
        if (cp < 0x2E80 || (cp >= 0x1F000 && cp < 0x1FB00 && cp != 0x1F200)) return false;
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    @Override
    public void end() throws IOException {
        super.end();
        int end = correctOffset(text.length());
        offset.setOffset(end, end);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        read.setLength(0);
        for (int n; (n = input.read(chunk)) > 0; ) read.append(chunk, 0, n);
        text = read.toString();
        at = 0;
    }

    @Override
    public void close() throws IOException {
        super.close();
        text = ""; // the buffer is kept: the analyzer reuses this tokenizer for every text
        read.setLength(0);
    }
}
