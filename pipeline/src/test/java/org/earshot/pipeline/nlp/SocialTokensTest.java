package org.earshot.pipeline.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.earshot.pipeline.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How a classifier reads a post. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SocialTokensTest {
    @Test
    void placeholdersMarksAndFolding() {
        assertThat(SocialTokens.of("@Acme I don't LOVE it, sooooo slow!!! https://x.co/1 #fail :( <3 😡 Café 2024"))
                .containsExactly("<user>", "i", "dont", "<allcaps>", "love", "it", ".", "<elong>", "soo", "slow", "!", ".",
                        "<url>", "fail", "<sad>", "<heart>", "😡", "cafe", "<num>");
    }

    @Test
    void negationEndsAtTheClauseAndIntensifiersMarkTheirWord() {
        var features = new SentimentFeatures().extractFeatures(SocialTokens.of("not good, very bad"), java.util.Map.of());
        assertThat(features).contains("w=NOT_good", "w=bad", "i=bad").doesNotContain("w=NOT_bad", "w=good");
    }

    @Test
    void aHugeTextIsReadOnlyFromItsStart() {
        assertThat(SocialTokens.of("word ".repeat(1_000_000)).length).isLessThanOrEqualTo(SocialTokens.MAX_CHARS / 2 + 1);
    }

    @Test
    void corpusPostsReadAsTheRegularExpressionReadsThem() throws IOException {
        int posts = 0;
        for (String post : posts()) {
            assertThat(SocialTokens.of(post)).as(post).containsExactly(Spec.of(post));
            posts++;
        }
        assertThat(posts).isGreaterThan(100_000);
    }

    /** Random strings of fragments that start, end, join or nearly make every kind of token, and of odd characters. */
    @Test
    void randomTextReadsAsTheRegularExpressionReadsIt() {
        String[] fragments = {"http://", "https://", "https:/", "http:", "www.", "www", "@", "#", "_", ".", ",", ":", ";", "=", "8",
                "-", "o", "*", "'", "\u2019", ")", "]", "(", "[", "d", "D", "p", "P", "/", "\\", "|", "<", "<3", "</3", "!", "?", "\u2026",
                " ", "\t", "\n", "\u000B", "\f", "\r", "\u0301", "\u00A0", "\u3000", "0", "12", "a", "A", "aaa", "OOO", "\u00DF", "\u0130", "\u00E9", "E\u0301", "\u0416\u0416\u0416",
                "\u65E5\u672C", "\u0645\u0631", "\uD83D\uDE00", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", "\uD835\uDC00\uD835\uDC00\uD835\uDC00", "\uD83C\uDFFB",
                "\uD800", "\uDC00", "\uDB80\uDC00", "\u00B2", "\u2163", "\u0660", "\u02C6", "^", "\uFF21", "\uFB01", "x", "LOL", "Caf\u00E9"};
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(10); n > 0; n--) text.append(fragments[random.nextInt(fragments.length)]);
            String post = text.toString();
            assertThat(SocialTokens.of(post)).as(post).containsExactly(Spec.of(post));
        }
    }

    @Test
    void elongationsAreRunsOfThreeOrMoreOfOneLetter() {
        assertThat(SocialTokens.withoutElongations("sooooo")).isEqualTo("soo");
        assertThat(SocialTokens.withoutElongations("aabbb!!!111")).isEqualTo("aabb!!!111");
        String plain = "good";
        assertThat(SocialTokens.withoutElongations(plain)).isSameAs(plain);
    }

    /** The 100,000 posts of the corpus and XLM-T's validation posts in its eight languages. */
    private static List<String> posts() throws IOException {
        List<String> posts = new ArrayList<>(Files.readAllLines(SharedData.path("corpus/tweeteval-emoji/tweets.txt"), StandardCharsets.UTF_8));
        posts.addAll(SharedData.xlmtValidationPosts());
        return posts;
    }

    /** The tokenizer as first written, with Java's regular expressions: what the shipped models were trained on. */
    private static final class Spec {
        private static final Pattern TOKEN = Pattern.compile(String.join("|",
                "(?<url>https?://\\S+|www\\.\\S+)",
                "(?<user>@[\\p{L}\\p{N}_]+(?:[.@][\\p{L}\\p{N}_]+)*)",
                "(?<emoticon>[:;=8][-o*']?[)\\](\\[dDpP/\\\\|]|[)\\](\\[dDpP/\\\\|][-o*']?[:;=8]|<3|</3)",
                "(?<hashtag>#[\\p{L}\\p{M}\\p{N}_]+)",
                "(?<number>\\d+(?:[.,:]\\d+)*)",
                "(?<word>[\\p{L}\\p{M}]+(?:['\u2019][\\p{L}\\p{M}]+)*)",
                "(?<mark>[!?]+|[.,;:\u2026]+)",
                "(?<symbol>[\\p{So}\\p{Sk}])"));
        private static final Pattern ELONGATION = Pattern.compile("(\\p{L})\\1{2,}");

        static String[] of(String text) {
            if (text == null || text.isEmpty()) return new String[0];
            String cut = text.length() > SocialTokens.MAX_CHARS ? text.substring(0, SocialTokens.MAX_CHARS) : text;
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
            if (raw.length() >= 3 && raw.equals(raw.toUpperCase(Locale.ROOT)) && !raw.equals(raw.toLowerCase(Locale.ROOT))) out.add(SocialTokens.ALL_CAPS);
            String lower = raw.toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "");
            Matcher elongated = ELONGATION.matcher(lower);
            if (elongated.find()) {
                out.add(SocialTokens.ELONGATED);
                lower = elongated.replaceAll("$1$1");
            }
            char[] in = lower.toCharArray();
            char[] folded = new char[in.length * 4];
            out.add(new String(folded, 0, ASCIIFoldingFilter.foldToASCII(in, 0, folded, 0, in.length)));
        }

        private static void marks(String marks, List<String> out) {
            if (marks.indexOf('!') >= 0) out.add("!");
            if (marks.indexOf('?') >= 0) out.add("?");
            out.add(SocialTokens.CLAUSE_END);
        }

        private static String emoticon(String e) {
            if (e.equals("<3")) return "<heart>";
            if (e.equals("</3")) return "<sad>";
            boolean happyRight = e.matches(".*[)\\]dDpP]$") && !e.startsWith(")") && !e.startsWith("]");
            boolean happyLeft = e.matches("^[(\\[].*");
            return happyRight || happyLeft ? "<smile>" : "<sad>";
        }
    }
}
