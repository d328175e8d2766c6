package org.earshot.pipeline.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.util.normalizer.CharSequenceNormalizer;
import org.earshot.pipeline.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The guarded normalizer gives OpenNLP's own normalization, character for character, wherever a step can match. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GuardedNormalizerTest {
    /** The general model's normalizer (the model Earshot trains has the same: OpenNLP's default). */
    private static final CharSequenceNormalizer OPEN_NLP = openNlpNormalizer();
    private static final CharSequenceNormalizer GUARDED = GuardedNormalizer.of(OPEN_NLP);

    @Test
    void guardsOpenNlpsOwnSteps() {
        assertThat(GUARDED).isInstanceOf(GuardedNormalizer.class);
    }

    @Test
    void corpusPostsAndTheirLettersNormalizeAsOpenNlpNormalizesThem() throws IOException {
        int changed = 0;
        int compared = 0;
        for (String post : posts()) {
            for (String text : List.of(post, LanguageDetection.lettersOf(post))) {
                String expected = OPEN_NLP.normalize(text).toString();
                assertThat(GUARDED.normalize(text).toString()).as(text).isEqualTo(expected);
                if (!expected.equals(text)) changed++;
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(60_000);
        assertThat(changed).as("posts OpenNLP's normalizer changed").isGreaterThan(10_000);
    }

    @Test
    void postsWrittenToTripEveryPatternNormalizeAsOpenNlpNormalizesThem() {
        List<String> posts = List.of("hahaha", "HaHaHa jajaja", "hehe huhu", "jhaha", "ahahah", "haeha", "RT @user: rt RT: hi",
                "art thou", "Expo xoxo XD x-) :-) ;p :D", "#BomDia", "mail a.b@example.com", "http://x.org/a?b=1 now",
                "2024 is 12 x 3", "sooooo  good", "aAa", "AAA bbb", " trim me\t", "\uFE0F \uFE0F ok", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00",
                "\uD800 lone", "\uDFFF lone", "a-b", "ｆｕｌｌｗｉｄｔｈ", "日本語のテキスト", "مرحبا بالعالم", "   ", "", "x", "hj", "rt");
        for (String post : posts) assertThat(GUARDED.normalize(post).toString()).as(post).isEqualTo(OPEN_NLP.normalize(post).toString());
    }

    /** Random strings of the characters the patterns look for, so that every guard meets near misses and hits. */
    @Test
    void randomStringsOfThePatternsCharactersNormalizeAsOpenNlpNormalizesThem() {
        String alphabet = "hjHJaeiouAEIOUxXdopDOPrtRT :;#@-()0123456789\t\n\uFE0F\u00E9\u0416\uD83D\uDE00ss";
        Random random = new Random(7);
        int changed = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String text = s.toString();
            String expected = OPEN_NLP.normalize(text).toString();
            assertThat(GUARDED.normalize(text).toString()).as(text).isEqualTo(expected);
            if (!expected.equals(text)) changed++;
        }
        assertThat(changed).isBetween(10_000, 190_000);
    }

    private static CharSequenceNormalizer openNlpNormalizer() {
        try (InputStream in = LanguageDetection.class.getResourceAsStream(LanguageDetection.GENERAL_MODEL)) {
            return (CharSequenceNormalizer) PackedLanguageModel.field(new LanguageDetectorModel(in).getFactory().getContextGenerator(), "normalizer");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the general language model's normalizer", e);
        }
    }

    /** The first 30,000 tweets of the corpus (OpenNLP's own normalizer takes a while) and XLM-T's validation posts in its eight languages. */
    private static List<String> posts() throws IOException {
        List<String> corpus = Files.readAllLines(SharedData.path("corpus/tweeteval-emoji/tweets.txt"), StandardCharsets.UTF_8);
        List<String> posts = new ArrayList<>(corpus.subList(0, 30_000));
        posts.addAll(SharedData.xlmtValidationPosts());
        return posts;
    }
}
