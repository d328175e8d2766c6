package org.earshot.pipeline.nlp;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.Predicate;
import opennlp.tools.util.normalizer.AggregateCharSequenceNormalizer;
import opennlp.tools.util.normalizer.CharSequenceNormalizer;
import opennlp.tools.util.normalizer.EmojiCharSequenceNormalizer;
import opennlp.tools.util.normalizer.NumberCharSequenceNormalizer;
import opennlp.tools.util.normalizer.ShrinkCharSequenceNormalizer;
import opennlp.tools.util.normalizer.TwitterCharSequenceNormalizer;
import opennlp.tools.util.normalizer.UrlCharSequenceNormalizer;

/**
 * OpenNLP's language-detection normalizers, each run only when the text has what its patterns need. A language
 * model's normalizers (emoji, links, Twitter's marks, numbers, runs of letters and spaces) are a dozen regular
 * expressions, each replacing over the whole text: a quarter of the language stage's time, on the letters
 * {@link LanguageDetection} shows the model, where they seldom find anything. Each step here first scans for the
 * characters without which none of its patterns can match (a guard may let through text its step leaves alone, never
 * the other way round), so the answer is OpenNLP's own, character for character; the tests hold it to OpenNLP's on
 * the corpus and on posts written to trip every pattern. A step of another kind always runs.
 */
final class GuardedNormalizer implements CharSequenceNormalizer {
    /**
     * What each known step's patterns need (OpenNLP 2.5's, read from its classes). Its emoji class is written so that
     * it spans U+D83C to U+10FC00 and {@code -}: anything from the surrogates up, or a hyphen.
     */
    private static final Map<Class<?>, Predicate<CharSequence>> NEEDS = Map.of(
            EmojiCharSequenceNormalizer.class, s -> has(s, c -> c >= '\uD800' || c == '-'),
            UrlCharSequenceNormalizer.class, s -> has(s, c -> c == ':' || c == '@'),
            TwitterCharSequenceNormalizer.class, GuardedNormalizer::mayHaveTwitterMarks,
            NumberCharSequenceNormalizer.class, s -> has(s, c -> c >= '0' && c <= '9'),
            ShrinkCharSequenceNormalizer.class, GuardedNormalizer::mayShrink);

    private final CharSequenceNormalizer[] steps;
    private final Predicate<CharSequence>[] guards;

    @SuppressWarnings("unchecked")
    private GuardedNormalizer(CharSequenceNormalizer[] steps) {
        this.steps = steps;
        this.guards = new Predicate[steps.length];
        for (int i = 0; i < steps.length; i++) guards[i] = NEEDS.getOrDefault(steps[i].getClass(), s -> true);
    }

    /** {@code normalizer} with each of its steps guarded, or itself when it is not OpenNLP's aggregate. */
    static CharSequenceNormalizer of(CharSequenceNormalizer normalizer) {
        if (!(normalizer instanceof AggregateCharSequenceNormalizer)) return normalizer;
        try {
            Field f = AggregateCharSequenceNormalizer.class.getDeclaredField("normalizers");
            f.setAccessible(true);
            return new GuardedNormalizer(((CharSequenceNormalizer[]) f.get(normalizer)).clone());
        } catch (ReflectiveOperationException | ClassCastException e) {
            return normalizer; // another OpenNLP: its own steps, unguarded
        }
    }

    @Override
    public CharSequence normalize(CharSequence text) {
        CharSequence s = text;
        for (int i = 0; i < steps.length; i++) if (guards[i].test(s)) s = steps[i].normalize(s);
        return s;
    }

    private interface CharTest {
        boolean test(char c);
    }

    private static boolean has(CharSequence s, CharTest test) {
        for (int i = 0; i < s.length(); i++) if (test.test(s.charAt(i))) return true;
        return false;
    }

    /**
     * Hashtags and handles ({@code #}, {@code @}), retweet marks ({@code rt} before a space or colon), faces
     * ({@code :}, {@code ;}, or {@code x} before {@code -}, a bracket, {@code d}, {@code o} or {@code p}) and laughter
     * ({@code h} or {@code j}, vowels, {@code h} or {@code j} again), all matched case-insensitively.
     */
    private static boolean mayHaveTwitterMarks(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '#' || c == '@' || c == ':' || c == ';') return true;
            char next = i + 1 < n ? lower(s.charAt(i + 1)) : 0;
            switch (lower(c)) {
                case 'r' -> {
                    if (next == 't' && i + 2 < n && (s.charAt(i + 2) == ' ' || s.charAt(i + 2) == ':')) return true;
                }
                case 'x' -> {
                    if (next == '-' || next == '(' || next == ')' || next == 'd' || next == 'o' || next == 'p') return true;
                }
                case 'h', 'j' -> {
                    int j = i + 1;
                    while (j < n && vowel(lower(s.charAt(j)))) j++;
                    if (j > i + 1 && j < n && (lower(s.charAt(j)) == 'h' || lower(s.charAt(j)) == 'j')) return true;
                }
                default -> { }
            }
        }
        return false;
    }

    /** Two white spaces in a row, three equal characters in a row (case aside), surrogates, or space to trim. */
    private static boolean mayShrink(CharSequence s) {
        int n = s.length();
        if (n > 0 && (s.charAt(0) <= ' ' || s.charAt(n - 1) <= ' ')) return true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) return true;
            if (i + 1 < n && white(c) && white(s.charAt(i + 1))) return true;
            if (i + 2 < n && lower(c) == lower(s.charAt(i + 1)) && lower(c) == lower(s.charAt(i + 2))) return true;
        }
        return false;
    }

    /** Lower case for ASCII letters, as a case-insensitive pattern without Unicode case compares them. */
    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static boolean vowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }

    /** {@code \s} without Unicode classes. */
    private static boolean white(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
