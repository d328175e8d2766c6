package org.earshot.pipeline.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.regex.Pattern;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.earshot.pipeline.text.Scan;

/**
 * The language of a post as an ISO 639-1 code, or {@code und} rather than a guess. OpenNLP's
 * detector (103 languages, {@code opennlp-models-langdetect}) sees the post without links,
 * handles, digits and symbols, which are the same in every language and mislead it on short
 * texts; a hashtag stays, split into its words ({@code #BomDiaBrasil} reads "Bom Dia Brasil"),
 * because on short posts it is often most of what the post says in its language. A network's own
 * language tag wins over detection. It answers one of the
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

    /**
     * The listened languages written in Latin letters. On a short post in Latin letters the general
     * model sometimes answers Chinese or Japanese ({@code "absolutely"}, {@code "@user sexy"}); a
     * post in Latin letters is in one of these (romanized Hindi is the second opinion's to tell).
     */
    static final Set<String> LATIN_SCRIPT = Set.of("en", "es", "pt", "fr", "de", "it", "tr", "nl", "id", "pl", "sv", "ca", "ms",
            "tl", "vi", "ro", "cs", "da", "fi", "nb", "hu");

    /**
     * Romanized Hindi, common on Indian social media, is read by the general model as English,
     * Tagalog, Finnish, Turkish, Vietnamese and more. Earshot's own model (trained on tweets of
     * eight languages, romanized Hindi among them; see pipeline/README.md) gives a second opinion on posts
     * in Latin letters, but it knows only its eight languages, so on Tagalog, Malay or Finnish it
     * answers Hindi as readily as on Hindi. Its Hindi is taken only when the post also has Hindi's
     * own words ({@link TellingWords#HINDI}): at least one, or two against a general answer of
     * Spanish, Portuguese, French, German or Italian, which the general model tells well.
     */
    static final double SECOND_OPINION_CONFIDENCE = 0.7;
    static final Set<String> TOLD_WELL = Set.of("es", "pt", "fr", "de", "it");
    /**
     * The general model tells these five apart from other languages, but on a short post it often
     * takes one for its neighbour (Portuguese for Spanish or Italian, Spanish for Portuguese).
     * When it answers one of them, the second opinion, trained on tweets, picks among the five;
     * it is taken at this confidence or above. It never moves a post out of the five, so Dutch,
     * Catalan or Romanian, which it does not know, keep the general answer. Chosen by two-fold
     * cross-validation on XLM-T's train split (0.5 to 0.7 tie; 0.9 gains half as much).
     */
    static final double NEIGHBOUR_CONFIDENCE = 0.8;
    /**
     * Short Spanish, Portuguese or Italian posts are also read as Tagalog, Malay, Indonesian,
     * Finnish or Vietnamese, languages that share little with the five. Against such an answer
     * the second opinion is taken only when it is nearly sure; on posts really in those languages
     * it answers Hindi or English, or is less sure (tested by hand-written posts).
     */
    static final Set<String> UNRELATED = Set.of("tl", "ms", "id", "fi", "vi");
    static final double UNRELATED_CONFIDENCE = 0.9;
    /**
     * German is read as Dutch, Norwegian, Swedish or English on short posts, and the second
     * opinion knows none of those. Two different words that are German's alone
     * ({@link TellingWords#GERMAN}) settle it; one word is not enough (a loanword, a name).
     */
    static final int WORDS_FOR_GERMAN = 2;
    /** A post this short may be settled as English by one of English's own words. */
    static final int SHORT_POST_WORDS = 4;
    /** "I" alone, capital: English's; lower case it is a word of Italian, Catalan, Polish and Swedish. */
    private static final Pattern CAPITAL_I = Pattern.compile("(?:^| )I(?: |$)");
    /** The confidence reported for an answer settled by words rather than a model. */
    static final double WORDS_CONFIDENCE = 0.5;
    public static final String SOCIAL_MODEL = "/models/langdetect-social.bin";
    /** OpenNLP's 103-language model ({@code opennlp-models-langdetect}). */
    static final String GENERAL_MODEL = "/langdetect-183.bin";

    private final PackedLanguageModel.Reader detector = Model.INSTANCE.reader();
    private final PackedLanguageModel.Reader secondOpinion = Model.SOCIAL.reader();

    /**
     * A detected language, the detector's confidence in it (1 for a network's own tag, 0 for und),
     * and what settled it, for people.
     */
    public record Detected(String code, double confidence, String how) {
        public Detected(String code, double confidence) {
            this(code, confidence, "given");
        }
    }

    /** The language of {@code text}; {@code hint}, a network's own ISO 639-1 tag, wins when present. */
    public Detected detect(String text, String hint) {
        if (hint != null && hint.length() == 2 && !hint.equals(UNDETERMINED)) return new Detected(hint, 1.0, "the network's own tag");
        String words = withoutLinksAndHandles(cut(text));
        // A post of hashtags alone (#acme, #MasterChefBR) names things but says nothing in a language.
        if (lettersOutsideHashtags(words) < MIN_LETTERS) return new Detected(UNDETERMINED, 0, "too few letters outside hashtags");
        String letters = letters(words);
        boolean latin = latin(letters);
        Detected general = arabicNotPersian(general(letters, latin ? LATIN_SCRIPT : LISTENED), letters);
        if (!latin) return general;
        String[] lowerCase = TellingWords.words(letters);
        if (!general.code().equals("de") && TellingWords.GERMAN.count(lowerCase) >= WORDS_FOR_GERMAN) {
            return new Detected("de", WORDS_CONFIDENCE, "German's own words");
        }
        boolean toldWell = TOLD_WELL.contains(general.code());
        int hindiWords = TellingWords.HINDI.count(lowerCase);
        boolean maybeHindi = hindiWords > 0 && hindiWords >= (toldWell ? 2 : 1);
        boolean unrelated = UNRELATED.contains(general.code());
        if (!maybeHindi && !general.code().equals("en") && readsAsEnglish(letters, lowerCase, toldWell)) {
            return new Detected("en", WORDS_CONFIDENCE, "English's own words");
        }
        if (!maybeHindi && !toldWell && !unrelated) return general;
        Language second = secondOpinion.best(letters);
        if (maybeHindi) {
            boolean hindi = second.getLang().equals("hi") && second.getConfidence() >= SECOND_OPINION_CONFIDENCE;
            return hindi ? new Detected("hi", second.getConfidence(), "Hindi's own words and the second opinion") : general;
        }
        double needed = toldWell ? NEIGHBOUR_CONFIDENCE : UNRELATED_CONFIDENCE;
        boolean better = TOLD_WELL.contains(second.getLang()) && second.getConfidence() >= needed;
        return better ? new Detected(second.getLang(), second.getConfidence(), "the second opinion") : general;
    }

    /**
     * Whether a post the general model gave another language reads as English by its words
     * ({@link TellingWords#ENGLISH}, with a capital "I" standing alone): a third of its words and at
     * least two, or on a short post one. Short means four words at most against an answer the
     * general model is weak on (Tagalog, Dutch, Swedish, …); against Spanish, Portuguese, French,
     * German or Italian, which it tells well, it means half the words English's own. Chosen on
     * English SemEval training tweets cut to their first 2–6 words and XLM-T's train split (see
     * pipeline/README.md); a looser rule cost right answers there.
     */
    static boolean readsAsEnglish(String letters, String[] lowerCase, boolean toldWell) {
        int english = TellingWords.ENGLISH.count(lowerCase) + (CAPITAL_I.matcher(letters).find() ? 1 : 0);
        if (english >= 2 && english * 3 >= lowerCase.length) return true;
        if (english == 0) return false;
        return toldWell ? english * 2 >= lowerCase.length : lowerCase.length <= SHORT_POST_WORDS;
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
        return arabicOnly ? new Detected("ar", general.confidence(), "Arabic's own letters") : general;
    }

    /** Whether every code point is a space, a Latin letter or a non-spacing mark (ASCII's answered without Unicode's tables). */
    private static boolean latin(String letters) {
        for (int i = 0; i < letters.length(); ) {
            int c = letters.codePointAt(i);
            boolean latin = c < 0x80 ? c == ' ' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    : Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN || Character.getType(c) == Character.NON_SPACING_MARK;
            if (!latin) return false;
            i += Character.charCount(c);
        }
        return true;
    }

    /** The general model's best answer among {@code languages}. */
    private Detected general(String letters, Set<String> languages) {
        Language best = detector.best(letters, languages);
        if (best == null || best.getConfidence() < MIN_CONFIDENCE) return new Detected(UNDETERMINED, 0, "no listened language above " + MIN_CONFIDENCE);
        return new Detected(best.getLang(), best.getConfidence(), "the general model");
    }

    /** The words of the text, without what every language shares, cut to {@link #MAX_CHARS}. */
    public static String lettersOf(String text) {
        return letters(withoutLinksAndHandles(cut(text)));
    }

    /**
     * The text with a space for each link and handle: {@code https?://\S+|www\.\S+|@NAME+(?:[.@]NAME+)*} replaced by
     * {@code " "}, NAME {@code [\p{L}\p{M}\p{N}_]}.
     */
    static String withoutLinksAndHandles(String text) {
        StringBuilder out = null;
        for (int i = 0, end; i < text.length(); i = end) {
            end = Scan.link(text, i);
            if (end < 0 && text.charAt(i) == '@') end = Scan.joined(text, i + 1, Scan.NAME, ".@");
            if (end < 0) {
                if (out != null) out.append(text.charAt(i));
                end = i + 1;
                continue;
            }
            if (out == null) out = new StringBuilder(text.length()).append(text, 0, i);
            out.append(' ');
        }
        return out == null ? text : out.toString();
    }

    /**
     * Text without links and handles as its letters alone, camel-cased hashtags split into words: each run of
     * {@code [^\p{L}\p{M}]+} a space, and a space where a lower-case letter meets a capital ({@code
     * (?<=\p{Ll})(?=\p{Lu})}), stripped.
     */
    private static String letters(String words) {
        StringBuilder out = new StringBuilder(words.length());
        boolean gap = false;
        int previous = -1;
        for (int i = 0; i < words.length(); ) {
            int cp = words.codePointAt(i);
            if (Scan.is(cp, Scan.LETTERS | Scan.MARKS)) {
                if (camelJoin(previous, cp) || gap && out.length() > 0) out.append(' ');
                gap = false;
                out.appendCodePoint(cp);
            } else {
                gap = true;
            }
            previous = cp;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /**
     * Whether a lower-case letter meets a capital. The lookbehind reads one char back: a letter beyond the Basic
     * Multilingual Plane before the capital is two chars, and never joins.
     */
    private static boolean camelJoin(int previous, int cp) {
        return previous >= 0 && previous < Character.MIN_SUPPLEMENTARY_CODE_POINT
                && Character.getType(previous) == Character.LOWERCASE_LETTER && Character.getType(cp) == Character.UPPERCASE_LETTER;
    }

    /** The letters ({@link Character#isLetter}) outside hashtags ({@code #[\p{L}\p{M}\p{N}_]+}). */
    static int lettersOutsideHashtags(String words) {
        int letters = 0;
        for (int i = 0; i < words.length(); ) {
            int end = Scan.marked(words, i, '#', Scan.NAME);
            if (end > 0) {
                i = end;
                continue;
            }
            int cp = words.codePointAt(i);
            if (Character.isLetter(cp)) letters++;
            i += Character.charCount(cp);
        }
        return letters;
    }

    private static String cut(String text) {
        if (text == null) return "";
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    }

    /** The shared models, loaded on first use. */
    private static final class Model {
        static final PackedLanguageModel INSTANCE = load(GENERAL_MODEL);
        static final PackedLanguageModel SOCIAL = load(SOCIAL_MODEL);

        private static PackedLanguageModel load(String resource) {
            try (InputStream in = LanguageDetection.class.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("the language model " + resource + " is not on the classpath");
                return new PackedLanguageModel(new LanguageDetectorModel(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the language model " + resource, e);
            }
        }
    }
}
