package org.earshot.pipeline.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.earshot.pipeline.SharedData;
import org.earshot.pipeline.query.MentionFields;
import org.earshot.pipeline.text.Tokens;
import org.earshot.schemas.Mention;
import org.junit.jupiter.api.Test;

class TrendingTermsTest {
    private final TrendingTerms trending = new TrendingTerms();

    @Test
    void contentWordsOnceEachInOrderWithoutStopWordsNumbersLinksHandlesOrHashtags() {
        Mention m = mention("Acme launch", "Loooove the new Acme-phone!! 1,000 preorders in 2024 via @bob https://acme.com/x "
                + "#AcmePhone acme.com ça x the launch");
        assertThat(trending.terms(m)).containsExactly("acme", "launch", "loove", "new", "acmephone", "preorders", "ca");
    }

    @Test
    void aHugeTextGivesAtMostItsCap() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 500; i++) text.append("word").append((char) ('a' + i % 26)).append((char) ('a' + i / 26)).append(' ');
        assertThat(trending.terms(mention(null, text.toString()))).hasSize(TrendingTerms.MAX_PER_MENTION);
        assertThat(trending.terms(mention(null, ""))).isEmpty();
        assertThat(trending.terms(mention(null, null))).isEmpty();
    }

    /** The same terms as the token list it used to read (every token a string, then filtered), over real tweets. */
    @Test
    void theSameTermsAsFilteringEveryTokenAsAString() throws IOException {
        List<String> tweets = Files.readAllLines(SharedData.path("corpus/tweeteval-emoji/tweets.txt"), StandardCharsets.UTF_8);
        Analyzer analyzer = MentionFields.queryAnalyzer();
        Set<String> stopWords = TrendingTerms.stopWords(analyzer);
        long terms = 0;
        for (int i = 0; i < Math.min(tweets.size(), 20_000); i++) {
            Mention m = mention(i % 3 == 0 && i > 0 ? tweets.get(i - 1) : null, tweets.get(i));
            List<String> expected = everyTokenFiltered(analyzer, stopWords, m);
            assertThat(trending.terms(m)).as(m.text).isEqualTo(expected);
            terms += expected.size();
        }
        assertThat(terms).isGreaterThan(50_000);
    }

    private static List<String> everyTokenFiltered(Analyzer analyzer, Set<String> stopWords, Mention m) {
        String text = m.title == null ? m.text : m.title + "\n" + m.text;
        Set<String> terms = new LinkedHashSet<>();
        for (Tokens.Token token : Tokens.of(analyzer, MentionFields.TEXT, text)) {
            if (terms.size() == TrendingTerms.MAX_PER_MENTION) break;
            String t = token.text();
            if (token.samePosition() || t.codePointCount(0, t.length()) < 2 || stopWords.contains(t)) continue;
            if (t.charAt(0) == '#' || t.charAt(0) == '@' || t.contains("://") || t.indexOf('.') >= 0 || t.indexOf('/') >= 0) continue;
            if (t.chars().allMatch(c -> Character.isDigit(c) || c == ',' || c == '-')) continue;
            terms.add(t);
        }
        return new ArrayList<>(terms);
    }

    private static Mention mention(String title, String text) {
        Mention m = new Mention();
        m.id = "t";
        m.title = title;
        m.text = text;
        return m;
    }
}
