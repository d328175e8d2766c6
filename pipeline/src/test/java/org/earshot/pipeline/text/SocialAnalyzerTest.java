package org.earshot.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

class SocialAnalyzerTest {
    private static final Analyzer QUERY = SocialAnalyzer.forQuery();
    private static final Analyzer INDEX = SocialAnalyzer.forIndex();

    /** A query's tokens; one at the same position as the previous is written {@code =token}. */
    static List<String> tokens(String text) throws IOException {
        return tokens(QUERY, text);
    }

    /** A post's tokens, as indexed. */
    static List<String> indexed(String text) throws IOException {
        return tokens(INDEX, text);
    }

    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add((inc.getPositionIncrement() == 0 ? "=" : "") + term);
            ts.end();
        }
        return out;
    }

    @Test
    void hashtagsMentionsAndUrlsStayWholeAndUrlsAddTheirHost() throws IOException {
        assertThat(tokens("Loving the new #AcmeFail thread by @acme and @ana@mastodon.social: https://www.Acme.com/news?id=1."))
                .containsExactly("loving", "the", "new", "#acmefail", "thread", "by", "@acme", "and", "@ana@mastodon.social",
                        "https://www.acme.com/news?id=1", "=acme.com");
        assertThat(tokens("see acme.com")).containsExactly("see", "acme.com");
    }

    @Test
    void contractionsHyphensElongationsCaseAndAccents() throws IOException {
        assertThat(tokens("Don't buy the CO-OP’s phone, it's sooooo bad!!! Café NAÏVE")).containsExactly(
                "dont", "buy", "the", "coop", "phone", "it", "soo", "bad", "cafe", "naive");
        assertThat(tokens("so sooo")).as("two of a letter stay").containsExactly("so", "soo");
        assertThat(tokens("no-ooo 𝒶𝒶𝒶𝒶 1000")).as("a run goes on across a joiner; letters beyond the BMP count; digits stay")
                .containsExactly("noo", "𝒶𝒶", "1000");
    }

    @Test
    void emojiAndNonLatinScripts() throws IOException {
        assertThat(tokens("love it😍🔥 great")).containsExactly("love", "it", "😍", "🔥", "great");
        assertThat(tokens("我喜欢苹果手机")).containsExactly("我", "喜", "欢", "苹", "果", "手", "机");
        assertThat(tokens("アップル最高")).containsExactly("ア", "ッ", "プ", "ル", "最", "高");
        assertThat(tokens("أحب هاتف أكمي")).containsExactly("احب", "هاتف", "اكمي");
        assertThat(tokens("Привет, Мир")).containsExactly("привет", "мир");
    }

    @Test
    void aPostHoldsEveryFormABrandTakesAndAQueryOnlyTheOneWritten() throws IOException {
        assertThat(indexed("Aurora's battery, Aurora’s screen")).containsExactly("aurora", "battery", "aurora", "screen");
        assertThat(indexed("loving my #Aurora and @aurora")).containsExactly("loving", "my", "#aurora", "=aurora", "and", "@aurora", "=aurora");
        assertThat(indexed("the aurora-phone is here")).containsExactly("the", "auroraphone", "=aurora", "phone", "is", "here");
        assertThat(indexed("ask @aurora@mastodon.social")).containsExactly("ask", "@aurora@mastodon.social", "=aurora");
        assertThat(indexed("#AURORAAAA")).as("the word goes through the same rules").containsExactly("#auroraaaa", "=auroraa");
        // A query reads what was written: the hashtag stays a hashtag, a compound one word.
        assertThat(tokens("#Aurora")).containsExactly("#aurora");
        assertThat(tokens("@aurora")).containsExactly("@aurora");
        assertThat(tokens("aurora-phone")).containsExactly("auroraphone");
        assertThat(tokens("Aurora's")).containsExactly("aurora");
        assertThat(tokens("auroras")).as("a plural is another word").containsExactly("auroras");
    }

    @Test
    void queryWordsBecomeTheSameTokensAsTheText() throws IOException {
        // What the query side sees for one word equals what the index sees in running text.
        for (String word : List.of("#AcmeFail", "@acme", "don't", "co-op", "sooooo", "Café", "acme.com")) {
            assertThat(indexed("before " + word + " after")).contains(tokens(word).get(0));
        }
    }

    /** The range put before the scripts' test changes nothing: every code point is taken exactly as by the scripts alone. */
    @Test
    void theChineseAndJapaneseClassIsTheScriptsToTheLastCodePoint() {
        Predicate<String> scripts = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]").asMatchPredicate();
        int inScripts = 0;
        List<String> differ = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            boolean expected = scripts.test(Character.toString(c));
            if (expected) inScripts++;
            if (SocialTokenizer.cjk(c) != expected) differ.add(String.format("U+%04X", c));
        }
        assertThat(differ).isEmpty();
        assertThat(inScripts).as("the scripts' characters").isGreaterThan(90_000);
    }
}
