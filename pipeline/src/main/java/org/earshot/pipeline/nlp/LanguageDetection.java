package org.earshot.pipeline.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * The language of a post as an ISO 639-1 code, or {@code und} rather than a guess. OpenNLP's
 * detector (103 languages, {@code opennlp-models-langdetect}) sees the post without links,
 * handles, hashtags, digits and symbols, which are the same in every language and mislead it on
 * short texts; a network's own language tag wins over detection. It answers one of the
 * {@link #LISTENED} languages or {@code und}. Not thread-safe (one per
 * subtask); the model is loaded once per JVM and shared.
 */
public final class LanguageDetection {
    public static final String UNDETERMINED = "und";
    /** Enough text to tell any language; a longer post costs no more. */
    static final int MAX_CHARS = 1_000;
    /** Fewer letters than this say nothing about a language. */
    static final int MIN_LETTERS = 3;
    /**
     * Below this confidence the answer is {@code und}. The detector spreads its probability over
     * 103 languages, so even right answers on tweets are often near 0.02; chosen on XLM-T's train
     * split, where 0.01 costs no right answer.
     */
    static final double MIN_CONFIDENCE = 0.01;
    /**
     * The languages a post is assigned to: those social networks carry most. Rare neighbours of
     * common languages (Low German for German, Galician for Portuguese, Cebuano or Waray for
     * short English-like posts) took more right answers than they gave on XLM-T's train split.
     */
    static final Set<String> LISTENED = Set.of("en", "es", "pt", "fr", "de", "it", "ar", "hi", "ja", "ko", "zh", "ru", "tr",
            "nl", "id", "pl", "sv", "fa", "ur", "th", "uk", "el", "he", "ca", "ms", "tl", "vi", "ro", "cs", "da", "fi", "nb",
            "hu", "bn");

    /** Compiled once: {@link #hindiWords} runs for every post in Latin letters. */
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final Pattern NOT_LANGUAGE = Pattern.compile(
            "https?://\\S+|www\\.\\S+|[@#][\\p{L}\\p{M}\\p{N}_]+(?:[.@][\\p{L}\\p{M}\\p{N}_]+)*|[@#]|[^\\p{L}\\p{M}@#]+");

    /**
     * Romanized Hindi, common on Indian social media, is read by the general model as English,
     * Tagalog, Finnish, Turkish, Vietnamese and more. Earshot's own model (trained on tweets of
     * eight languages, romanized Hindi among them; see the README) gives a second opinion on posts
     * in Latin letters, but it knows only its eight languages, so on Tagalog, Malay or Finnish it
     * answers Hindi as readily as on Hindi. Its answer is taken only when the post also has Hindi's
     * own words ({@link #HINDI_WORDS}): at least one, or two against a general answer of Spanish,
     * Portuguese, French, German or Italian, which the general model tells well.
     */
    static final double SECOND_OPINION_CONFIDENCE = 0.7;
    static final Set<String> TOLD_WELL = Set.of("es", "pt", "fr", "de", "it");
    /**
     * Hindi's commonest function words, pronouns and auxiliaries as Indians spell them in Latin
     * letters, without those that are also words of a listened Latin-script language (Tagalog's
     * ka, ko; Malay's ke; German's wo, mein; English's to, hi).
     */
    static final Set<String> HINDI_WORDS = Set.of("hai", "hain", "hona", "hota", "hoti", "hote", "nahi", "nahin", "nhi", "kya",
            "kyu", "kyun", "kyon", "mujhe", "muje", "mujhse", "tujhe", "tujhse", "mera", "meri", "mere", "tera", "teri", "tere",
            "hamara", "hamari", "hamare", "tumhara", "tumhari", "apna", "apni", "apne", "aur", "bhi", "bhai", "yaar", "yrr", "kuch",
            "kuchh", "bahut", "bohot", "bhut", "accha", "acha", "achha", "kaise", "kaisa", "kaisi", "raha", "rahi", "rahe", "tha",
            "thi", "hoga", "hogi", "kiya", "kiye", "karna", "karo", "karke", "krna", "apka", "apki", "apke", "aapka", "aapki",
            "aapke", "aap", "tum", "hum", "abhi", "sirf", "liye", "saath", "sath", "wala", "wali", "wale", "hua", "hui", "hue",
            "gaya", "gayi", "gaye", "gya", "gye", "kaha", "kahan", "toh", "kab", "jab", "ji", "koi", "sab", "yeh", "woh", "ye", "ki",
            "se", "pe", "h", "ho");
    public static final String SOCIAL_MODEL = "/models/langdetect-social.bin";

    private final LanguageDetectorME detector = new LanguageDetectorME(Model.INSTANCE);
    private final LanguageDetectorME secondOpinion = new LanguageDetectorME(Model.SOCIAL);

    /** A detected language and the detector's confidence in it (1 for a network's own tag, 0 for und). */
    public record Detected(String code, double confidence) {}

    /** The language of {@code text}; {@code hint}, a network's own ISO 639-1 tag, wins when present. */
    public Detected detect(String text, String hint) {
        if (hint != null && hint.length() == 2 && !hint.equals(UNDETERMINED)) return new Detected(hint, 1.0);
        String letters = lettersOf(text);
        if (letters.codePointCount(0, letters.length()) - spaces(letters) < MIN_LETTERS) return new Detected(UNDETERMINED, 0);
        Detected general = arabicNotPersian(general(letters), letters);
        if (!latin(letters)) return general;
        int hindiWords = hindiWords(letters);
        if (hindiWords == 0 || hindiWords < (TOLD_WELL.contains(general.code()) ? 2 : 1)) return general;
        Language second = secondOpinion.predictLanguage(letters);
        boolean hindi = second.getLang().equals("hi") && second.getConfidence() >= SECOND_OPINION_CONFIDENCE;
        return hindi ? new Detected("hi", second.getConfidence()) : general;
    }

    /** How many different {@link #HINDI_WORDS} the letters have. */
    static int hindiWords(String letters) {
        Set<String> seen = new HashSet<>();
        for (String word : SPACES.split(letters.toLowerCase(Locale.ROOT))) {
            if (HINDI_WORDS.contains(word)) seen.add(word);
        }
        return seen.size();
    }

    /**
     * The general model reads short Arabic posts as Persian or Urdu. The scripts tell them apart:
     * Arabic writes yeh and kaf as {@code ي ك} and has teh marbuta {@code ة} and alef maksura
     * {@code ى}; Persian and Urdu write {@code ی ک} and have letters Arabic lacks ({@code پ چ ژ گ},
     * Urdu {@code ٹ ڈ ڑ ں ے ہ}). A post with Arabic's letters and none of theirs is Arabic.
     */
    static Detected arabicNotPersian(Detected general, String letters) {
        if (!general.code().equals("fa") && !general.code().equals("ur")) return general;
        boolean arabicOnly = false;
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            if (c == '\u064A' || c == '\u0643' || c == '\u0629' || c == '\u0649') arabicOnly = true;
            if (c == '\u06CC' || c == '\u06A9' || c == '\u067E' || c == '\u0686' || c == '\u0698' || c == '\u06AF'
                    || c == '\u0679' || c == '\u0688' || c == '\u0691' || c == '\u06BA' || c == '\u06D2' || c == '\u06C1') {
                return general;
            }
        }
        return arabicOnly ? new Detected("ar", general.confidence()) : general;
    }

    private static boolean latin(String letters) {
        return letters.codePoints().allMatch(c -> c == ' ' || Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN
                || Character.getType(c) == Character.NON_SPACING_MARK);
    }

    /** The general model's best answer among the {@link #LISTENED} languages. */
    private Detected general(String letters) {
        for (Language candidate : detector.predictLanguages(letters)) {
            String code = LanguageCodes.toIso6391(candidate.getLang());
            if (!LISTENED.contains(code)) continue;
            if (candidate.getConfidence() < MIN_CONFIDENCE) break;
            return new Detected(code, candidate.getConfidence());
        }
        return new Detected(UNDETERMINED, 0);
    }

    /** The words of the text, without what every language shares, cut to {@link #MAX_CHARS}. */
    static String lettersOf(String text) {
        if (text == null || text.isEmpty()) return "";
        String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        return NOT_LANGUAGE.matcher(cut).replaceAll(" ").strip();
    }

    private static int spaces(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == ' ') n++;
        return n;
    }

    /** The shared models, loaded on first use. */
    private static final class Model {
        static final LanguageDetectorModel INSTANCE = load("/langdetect-183.bin");
        static final LanguageDetectorModel SOCIAL = load(SOCIAL_MODEL);

        private static LanguageDetectorModel load(String resource) {
            try (InputStream in = LanguageDetection.class.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("the language model " + resource + " is not on the classpath");
                return new LanguageDetectorModel(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the language model " + resource, e);
            }
        }
    }
}
