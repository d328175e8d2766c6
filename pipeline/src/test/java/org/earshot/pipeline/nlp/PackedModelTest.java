package org.earshot.pipeline.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.assertj.core.data.Offset;
import org.earshot.pipeline.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packed models answer as OpenNLP's own evaluation of the same models does, on real posts in every language
 * Earshot ships a model for: the sentiment and emotion models bit for bit, the language models with the same best
 * language and the same probability to the last few bits (their sums come in another order).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PackedModelTest {
    @Test
    void sentimentAndEmotionAreOpenNlpsBitForBit() throws IOException {
        List<String> posts = posts();
        for (String lang : TextClassifier.SENTIMENT_LANGUAGES) sameAsOpenNlp(TextClassifier.sentiment(lang).orElseThrow(), posts);
        sameAsOpenNlp(TextClassifier.emotion(), posts);
    }

    private static void sameAsOpenNlp(TextClassifier classifier, List<String> posts) {
        int compared = 0;
        for (String post : posts) {
            String[] tokens = SocialTokens.of(post);
            assertThat(classifier.probabilities(tokens)).as(post).containsExactly(classifier.categorize(tokens));
            compared++;
        }
        assertThat(compared).isGreaterThan(4_000);
    }

    /** Read by hash, the sentiment features are the strings training sees, in the same order. */
    @Test
    void sentimentFeatureHashesAreThoseOfTheFeatureStrings() throws IOException {
        SentimentFeatures generator = new SentimentFeatures();
        long features = 0;
        for (String post : posts()) {
            String[] tokens = SocialTokens.of(post);
            List<Long> hashes = new ArrayList<>();
            generator.hashes(tokens, hashes::add);
            assertThat(hashes).as(post).isEqualTo(generator.extractFeatures(tokens, java.util.Map.of()).stream().map(PackedModel::hash).toList());
            features += hashes.size();
        }
        assertThat(features).isGreaterThan(100_000);
    }

    /** So are the lexicons' features, in every language's set, though their names are made once and not per post. */
    @Test
    void lexiconFeatureHashesAreThoseOfTheFeatureStrings() throws IOException {
        List<String> posts = posts();
        for (String lang : List.of("en", "fr", "it", "de")) {
            LexiconFeatures generator = LexiconFeatures.forLanguage(lang);
            long features = 0;
            for (String post : posts) {
                String[] tokens = SocialTokens.of(post);
                List<Long> hashes = new ArrayList<>();
                generator.hashes(tokens, hashes::add);
                assertThat(hashes).as(post).isEqualTo(generator.extractFeatures(tokens, java.util.Map.of()).stream().map(PackedModel::hash).toList());
                features += hashes.size();
            }
            assertThat(features).as(lang).isGreaterThan(3L * posts.size());
        }
    }

    @Test
    void languagesAreOpenNlpsToTheLastBits() throws IOException {
        for (String resource : List.of(LanguageDetection.GENERAL_MODEL, LanguageDetection.SOCIAL_MODEL)) {
            LanguageDetectorModel model;
            try (InputStream in = LanguageDetection.class.getResourceAsStream(resource)) {
                model = new LanguageDetectorModel(in);
            }
            PackedLanguageModel.Reader packed = new PackedLanguageModel(model).reader();
            LanguageDetectorME openNlp = new LanguageDetectorME(model);
            int agreed = 0;
            List<String> texts = new ArrayList<>(posts());
            // One text longer than the n-gram table a reader keeps, among the others (which reuse the table).
            texts.add(texts.size() / 2, String.join(" ", texts.subList(0, 40)));
            for (String post : texts) {
                String letters = LanguageDetection.lettersOf(post);
                Language expected = openNlp.predictLanguage(letters);
                Language actual = packed.best(letters);
                assertThat(actual.getLang()).as(post).isEqualTo(expected.getLang());
                assertThat(actual.getConfidence()).as(post).isCloseTo(expected.getConfidence(), Offset.offset(1e-12));
                agreed++;
                if (!resource.equals(LanguageDetection.GENERAL_MODEL)) continue;
                // Among the languages Earshot listens to: the first of OpenNLP's ranking that is one of them.
                Language listened = Stream.of(openNlp.predictLanguages(letters))
                        .filter(l -> LanguageDetection.LISTENED.contains(LanguageCodes.toIso6391(l.getLang()))).findFirst().orElseThrow();
                Language packedListened = packed.best(letters, LanguageDetection.LISTENED);
                assertThat(packedListened.getLang()).as(post).isEqualTo(LanguageCodes.toIso6391(listened.getLang()));
                assertThat(packedListened.getConfidence()).as(post).isCloseTo(listened.getConfidence(), Offset.offset(1e-12));
            }
            assertThat(agreed).isGreaterThan(4_000);
        }
    }

    @Test
    void lowerCasingIsOpenNlpsCharForChar() throws IOException {
        List<String> texts = new ArrayList<>(posts());
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 100_000; i++) { // any UTF-16, unpaired surrogates and letters beyond the BMP among it
            char[] chars = new char[random.nextInt(40)];
            for (int j = 0; j < chars.length; j++) chars[j] = (char) random.nextInt(0x10000);
            texts.add(new String(chars));
        }
        texts.add("\uD801\uDC00 ΣΑΣ İstanbul ǅ ẞ");
        for (String text : texts) {
            java.nio.CharBuffer openNlp = opennlp.tools.util.StringUtil.toLowerCaseCharBuffer(text);
            assertThat(PackedLanguageModel.lowerCase(text)).as(text).isEqualTo(openNlp.array());
        }
    }

    /** XLM-T's validation posts in its eight languages and English SemEval posts. */
    private static List<String> posts() throws IOException {
        List<String> posts = new ArrayList<>();
        posts.addAll(SharedData.xlmtValidationPosts());
        posts.addAll(Files.readAllLines(SharedData.path("sentiment/tweeteval-val/val_text.txt"), StandardCharsets.UTF_8));
        return posts;
    }
}
