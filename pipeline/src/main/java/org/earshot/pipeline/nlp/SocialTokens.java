package org.earshot.pipeline.nlp;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

/**
 * A post as a classifier reads it: lower-cased words with Latin accents folded, links, handles
 * and numbers as placeholders, hashtags as their word, emoji and emoticons as tokens, and marks
 * for what carries feeling in social text: elongations ({@code <elong>}), shouting
 * ({@code <allcaps>}), {@code !} and {@code ?}, and {@code .} where a clause ends (it closes a
 * negation's scope). Bounded: at most {@link #MAX_CHARS} characters are read.
 */
public final class SocialTokens {
    static final int MAX_CHARS = 2_000;
    public static final String ELONGATED = "<elong>";
    public static final String ALL_CAPS = "<allcaps>";
    public static final String CLAUSE_END = ".";

    private static final Pattern TOKEN = Pattern.compile(String.join("|",
            "(?<url>https?://\\S+|www\\.\\S+)",
            "(?<user>@[\\p{L}\\p{N}_]+(?:[.@][\\p{L}\\p{N}_]+)*)",
            "(?<emoticon>[:;=8][-o*']?[)\\](\\[dDpP/\\\\|]|[)\\](\\[dDpP/\\\\|][-o*']?[:;=8]|<3|</3)",
            "(?<hashtag>#[\\p{L}\\p{M}\\p{N}_]+)",
            "(?<number>\\d+(?:[.,:]\\d+)*)",
            "(?<word>[\\p{L}\\p{M}]+(?:['’][\\p{L}\\p{M}]+)*)",
            "(?<mark>[!?]+|[.,;:…]+)",
            "(?<symbol>[\\p{So}\\p{Sk}])"));
    private static final Pattern ELONGATION = Pattern.compile("(\\p{L})\\1{2,}");

    private SocialTokens() {}

    public static String[] of(String text) {
        if (text == null || text.isEmpty()) return new String[0];
        String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        String normalized = Normalizer.normalize(cut, Normalizer.Form.NFKC);
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(normalized);
        while (m.find()) {
            if (m.group("url") != null) out.add("<url>");
            else if (m.group("user") != null) out.add("<user>");
            else if (m.group("emoticon") != null) out.add(emoticon(m.group("emoticon")));
            else if (m.group("hashtag") != null) word(m.group("hashtag").substring(1), out);
            else if (m.group("number") != null) out.add("<num>");
            else if (m.group("word") != null) word(m.group("word"), out);
            else if (m.group("mark") != null) marks(m.group("mark"), out);
            else if (m.group("symbol") != null && !Character.isWhitespace(m.group("symbol").charAt(0))) out.add(m.group("symbol"));
        }
        return out.toArray(String[]::new);
    }

    private static void word(String raw, List<String> out) {
        if (raw.length() >= 3 && raw.equals(raw.toUpperCase(Locale.ROOT)) && !raw.equals(raw.toLowerCase(Locale.ROOT))) out.add(ALL_CAPS);
        String lower = raw.toLowerCase(Locale.ROOT).replace("'", "").replace("’", "");
        Matcher elongated = ELONGATION.matcher(lower);
        if (elongated.find()) {
            out.add(ELONGATED);
            lower = elongated.replaceAll("$1$1");
        }
        out.add(fold(lower));
    }

    private static void marks(String marks, List<String> out) {
        if (marks.indexOf('!') >= 0) out.add("!");
        if (marks.indexOf('?') >= 0) out.add("?");
        out.add(CLAUSE_END);
    }

    private static String emoticon(String e) {
        if (e.equals("<3")) return "<heart>";
        if (e.equals("</3")) return "<sad>";
        boolean happyRight = e.matches(".*[)\\]dDpP]$") && !e.startsWith(")") && !e.startsWith("]");
        boolean happyLeft = e.matches("^[(\\[].*");
        return happyRight || happyLeft ? "<smile>" : "<sad>";
    }

    /** Latin letters without accents; other scripts as they are. */
    private static String fold(String word) {
        char[] in = word.toCharArray();
        char[] out = new char[in.length * 4];
        int length = ASCIIFoldingFilter.foldToASCII(in, 0, out, 0, in.length);
        return new String(out, 0, length);
    }
}
