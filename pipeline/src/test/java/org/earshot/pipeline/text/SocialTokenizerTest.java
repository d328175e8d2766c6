package org.earshot.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.earshot.pipeline.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The analyzer's tokenizer, held to the regular expression it was first written as. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SocialTokenizerTest {
    /** The expression {@link SocialAnalyzer} tokenized with through Lucene's {@link PatternTokenizer}. */
    private static final Pattern SPEC = Pattern.compile(String.join("|",
            "https?://[^\\s<>\"'()]*[^\\s<>\"'().,;:!?]",
            "#[\\p{L}\\p{M}\\p{N}_]+",
            "@[\\p{L}\\p{M}\\p{N}_]+(?:[.@][\\p{L}\\p{M}\\p{N}_]+)*",
            "[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]",
            "[\\p{L}\\p{M}\\p{N}]+(?:['’.\\-][\\p{L}\\p{M}\\p{N}]+)*",
            "\\p{So}"));

    private final Tokenizer scan = new SocialTokenizer();
    private final Tokenizer spec = new PatternTokenizer(SPEC, 0);

    @Test
    void eachKindOfToken() throws IOException {
        assertThat(tokens(scan, "See https://acme.com/a?b=1). #Acme_1 @ana@mastodon.social: I'm co-op.ok 日本 😀❤️ x")).containsExactly(
                "See 0-3", "https://acme.com/a?b=1 4-26", "#Acme_1 29-36", "@ana@mastodon.social 37-57", "I'm 59-62",
                "co-op.ok 63-71", "日 72-73", "本 73-74", "😀 75-77", "❤ 77-78", "\uFE0F 78-79", "x 80-81", "end 81");
        assertThat(tokens(scan, "https://. http:// # @ .x-")).as("what starts a token but is none")
                .containsExactly("https 0-5", "http 10-14", "x 23-24", "end 25");
    }

    @Test
    void corpusPostsTokenizeAsTheExpressionDoes() throws IOException {
        List<String> posts = new ArrayList<>(Files.readAllLines(SharedData.path("corpus/tweeteval-emoji/tweets.txt"), StandardCharsets.UTF_8));
        posts.addAll(SharedData.xlmtValidationPosts());
        for (String post : posts) assertThat(tokens(scan, post)).as(post).isEqualTo(tokens(spec, post));
        assertThat(posts).hasSizeGreaterThan(100_000);
    }

    /** Random strings of fragments that start, end, join or nearly make every kind of token, and of odd characters. */
    @Test
    void randomTextTokenizesAsTheExpressionDoes() throws IOException {
        String[] fragments = {"http://", "https://", "https:/", "http:", "https", "HTTP://", "www.", "@", "#", "_", ".", ",", ";", ":",
                "!", "?", "-", "'", "\u2019", "\"", "<", ">", "(", ")", "/", "=", "&", " ", "\t", "\n", "\u000B", "\f", "\r", "\u00A0",
                "\u3000", "\u0301", "\uFE0F", "0", "12", "a", "B", "\u00E9", "\u0416", "\u65E5\u672C", "\u30A2", "\u3042", "\u0645\u0631",
                "\uD83D\uDE00", "\u2764", "\u00A9", "\u02C6", "^", "\uD83C\uDFFB", "\uD83C\uDE00", "\uD83C\uDE01", "\uD840\uDC00",
                "\uD835\uDC00", "\uD800", "\uDC00", "\u00B2", "\u2163", "\u0660", "\uFF21", "x.y", "co-op", "a'b", "acme.com/"};
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(10); n > 0; n--) text.append(fragments[random.nextInt(fragments.length)]);
            String post = text.toString();
            assertThat(tokens(scan, post)).as(post).isEqualTo(tokens(spec, post));
        }
    }

    /** Each token as {@code text start-end} (a position increment other than one is shown), then the final offset. */
    private static List<String> tokens(Tokenizer tokenizer, String text) throws IOException {
        tokenizer.setReader(new StringReader(text));
        CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
        OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
        PositionIncrementAttribute increment = tokenizer.addAttribute(PositionIncrementAttribute.class);
        List<String> out = new ArrayList<>();
        tokenizer.reset();
        while (tokenizer.incrementToken()) {
            String at = increment.getPositionIncrement() == 1 ? "" : " +" + increment.getPositionIncrement();
            out.add(term + " " + offset.startOffset() + "-" + offset.endOffset() + at);
        }
        tokenizer.end();
        out.add("end " + offset.endOffset());
        tokenizer.close();
        return out;
    }
}
