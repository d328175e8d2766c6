package org.earshot.pipeline.nlp;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.earshot.pipeline.text.Scan;

/**
 * A post as a classifier reads it: lower-cased words with Latin accents folded, links, handles
 * and numbers as placeholders, hashtags as their word, emoji and emoticons as tokens, and marks
 * for what carries feeling in social text: elongations ({@code <elong>}), shouting
 * ({@code <allcaps>}), {@code !} and {@code ?}, and {@code .} where a clause ends (it closes a
 * negation's scope). Bounded: at most {@link #MAX_CHARS} characters are read.
 *
 * <p>The tokens are those of one regular expression, an alternation tried in this order at each
 * position, the first kind that matches taking its token (the test keeps that expression and holds
 * this scanner to it on the corpus and on random text):
 * <pre>
 * url       https?://\S+|www\.\S+
 * user      &#64;[\p{L}\p{N}_]+(?:[.&#64;][\p{L}\p{N}_]+)*
 * emoticon  [:;=8][-o*']?[)\](\[dDpP/\\|]|[)\](\[dDpP/\\|][-o*']?[:;=8]|&lt;3|&lt;/3
 * hashtag   #[\p{L}\p{M}\p{N}_]+
 * number    \d+(?:[.,:]\d+)*
 * word      [\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*
 * mark      [!?]+|[.,;:…]+
 * symbol    [\p{So}\p{Sk}]
 * </pre>
 * Scanned by hand ({@link Scan}): Java's regular expressions tried the eight kinds at every position
 * and named each group by a map lookup.
 */
public final class SocialTokens {
    static final int MAX_CHARS = 2_000;
    public static final String ELONGATED = "<elong>";
    public static final String ALL_CAPS = "<allcaps>";
    public static final String CLAUSE_END = ".";

    private static final Scan.Chars LETTER_OR_MARK = new Scan.Chars(cp -> Scan.is(cp, Scan.LETTERS | Scan.MARKS));
    private static final Scan.Chars HANDLE = new Scan.Chars(cp -> cp == '_' || Scan.is(cp, Scan.LETTERS | Scan.NUMBERS));
    private static final Scan.Chars DIGIT = new Scan.Chars(cp -> cp >= '0' && cp <= '9'); // \d without Unicode classes

    private static final String EYES = ":;=8";
    private static final String NOSES = "-o*'";
    private static final String MOUTHS = ")]([dDpP/\\|";

    private SocialTokens() {}

    public static String[] of(String text) {
        if (text == null || text.isEmpty()) return new String[0];
        String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        String s = Normalizer.normalize(cut, Normalizer.Form.NFKC);
        List<String> out = new ArrayList<>();
        for (int i = 0, end; i < s.length(); i = end) {
            if ((end = Scan.link(s, i)) > 0) out.add("<url>");
            else if ((end = user(s, i)) > 0) out.add("<user>");
            else if ((end = emoticon(s, i)) > 0) out.add(emoticon(s.substring(i, end)));
            else if ((end = Scan.marked(s, i, '#', Scan.NAME)) > 0) word(s.substring(i + 1, end), out);
            else if ((end = Scan.joined(s, i, DIGIT, ".,:")) > 0) out.add("<num>");
            else if ((end = Scan.joined(s, i, LETTER_OR_MARK, "'’")) > 0) word(s.substring(i, end), out);
            else if ((end = marks(s, i)) > 0) marks(s, i, end, out);
            else if ((end = symbol(s, i)) > 0) out.add(s.substring(i, end));
            else end = i + 1; // nothing starts here: the next char, as a regular expression's search moves on
        }
        return out.toArray(String[]::new);
    }

    /** Where each kind's match from {@code i} ends, or -1 when it has none there. */
    private static int user(String s, int i) {
        return s.charAt(i) == '@' ? Scan.joined(s, i + 1, HANDLE, ".@") : -1;
    }

    private static int emoticon(String s, int i) {
        if (Scan.at(EYES, s, i)) {
            if (Scan.at(NOSES, s, i + 1) && Scan.at(MOUTHS, s, i + 2)) return i + 3;
            if (Scan.at(MOUTHS, s, i + 1)) return i + 2;
        } else if (Scan.at(MOUTHS, s, i)) {
            if (Scan.at(NOSES, s, i + 1) && Scan.at(EYES, s, i + 2)) return i + 3;
            if (Scan.at(EYES, s, i + 1)) return i + 2;
        }
        if (s.startsWith("<3", i)) return i + 2;
        return s.startsWith("</3", i) ? i + 3 : -1;
    }

    private static int marks(String s, int i) {
        String kind = Scan.at("!?", s, i) ? "!?" : Scan.at(".,;:…", s, i) ? ".,;:…" : null;
        if (kind == null) return -1;
        int end = i + 1;
        while (Scan.at(kind, s, end)) end++;
        return end;
    }

    private static int symbol(String s, int i) {
        int cp = s.codePointAt(i);
        return Scan.is(cp, Scan.SYMBOLS) ? i + Character.charCount(cp) : -1;
    }

    private static void word(String raw, List<String> out) {
        if (raw.length() >= 3 && shouted(raw)) out.add(ALL_CAPS);
        String lower = raw.toLowerCase(Locale.ROOT).replace("'", "").replace("’", ""); // each the same string when absent
        String plain = withoutElongations(lower);
        if (plain != lower) out.add(ELONGATED);
        out.add(fold(plain));
    }

    /** Whether upper case leaves the word as it is and lower case does not; a word with a-z in it is not. */
    private static boolean shouted(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 'a' && c <= 'z') return false;
        }
        return raw.equals(raw.toUpperCase(Locale.ROOT)) && !raw.equals(raw.toLowerCase(Locale.ROOT));
    }

    /**
     * Each run of three or more of one letter cut to two ({@code (\p{L})\1{2,}} replaced by {@code $1$1}); the word
     * itself when it has no such run.
     */
    static String withoutElongations(String word) {
        StringBuilder cut = null;
        for (int i = 0, end; i < word.length(); i = end) {
            int cp = word.codePointAt(i);
            int length = Character.charCount(cp);
            int times = 1;
            for (end = i + length; end < word.length() && word.codePointAt(end) == cp; end += length) times++;
            if (times >= 3 && Scan.is(cp, Scan.LETTERS)) {
                if (cut == null) cut = new StringBuilder(word.length()).append(word, 0, i);
                cut.appendCodePoint(cp).appendCodePoint(cp);
            } else if (cut != null) {
                cut.append(word, i, end);
            }
        }
        return cut == null ? word : cut.toString();
    }

    private static void marks(String s, int from, int to, List<String> out) {
        String marks = s.substring(from, to);
        if (marks.indexOf('!') >= 0) out.add("!");
        if (marks.indexOf('?') >= 0) out.add("?");
        out.add(CLAUSE_END);
    }

    private static String emoticon(String e) {
        if (e.equals("<3")) return "<heart>";
        if (e.equals("</3")) return "<sad>";
        char first = e.charAt(0);
        boolean happyRight = ")]dDpP".indexOf(e.charAt(e.length() - 1)) >= 0 && first != ')' && first != ']';
        boolean happyLeft = first == '(' || first == '[';
        return happyRight || happyLeft ? "<smile>" : "<sad>";
    }

    /** Latin letters without accents; other scripts as they are. */
    private static String fold(String word) {
        int i = 0;
        while (i < word.length() && word.charAt(i) < '\u0080') i++;
        if (i == word.length()) return word; // ASCII folds to itself
        char[] in = word.toCharArray();
        char[] out = new char[in.length * 4];
        int length = ASCIIFoldingFilter.foldToASCII(in, 0, out, 0, in.length);
        return new String(out, 0, length);
    }
}
