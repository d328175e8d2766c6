package org.earshot.pipeline.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Words that tell one language from the neighbours a character model confuses it with on short
 * posts, read from {@code languages/telling-words-<code>.txt} (each file says how its words were
 * chosen). {@link LanguageDetection} counts them in a post's letters.
 */
final class TellingWords {
    static final TellingWords HINDI = load("hi");
    static final TellingWords GERMAN = load("de");
    static final TellingWords ENGLISH = load("en");

    private static final Pattern SPACES = Pattern.compile(" +");
    private final Set<String> words;
    /** The first words of the two-word entries: only after one of them is a pair of words looked up. */
    private final Set<String> pairStarts;

    private TellingWords(Set<String> words) {
        this.words = Set.copyOf(words);
        this.pairStarts = words.stream().filter(w -> w.indexOf(' ') > 0).map(w -> w.substring(0, w.indexOf(' '))).collect(Collectors.toUnmodifiableSet());
    }

    /** The lower-case words of {@code letters} (words separated by spaces), split once for every list. */
    static String[] words(String letters) {
        return SPACES.split(letters.toLowerCase(Locale.ROOT));
    }

    /** How many different telling words {@code letters} (words separated by spaces) has. */
    int count(String letters) {
        return count(words(letters));
    }

    /**
     * How many different telling words there are among lower-case {@code words}; an entry of two
     * words (a contraction as letters leave it, {@code don t}) counts where they stand together.
     */
    int count(String[] lowerCaseWords) {
        // A post has a handful of telling words: a list searched end to end costs less than a hash set made for them.
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < lowerCaseWords.length; i++) {
            String word = lowerCaseWords[i];
            if (words.contains(word) && !seen.contains(word)) seen.add(word);
            if (i + 1 < lowerCaseWords.length && pairStarts.contains(word)) {
                String pair = word + " " + lowerCaseWords[i + 1];
                if (words.contains(pair) && !seen.contains(pair)) seen.add(pair);
            }
        }
        return seen.size();
    }

    boolean contains(String word) {
        return words.contains(word);
    }

    private static TellingWords load(String language) {
        String resource = "/languages/telling-words-" + language + ".txt";
        try (InputStream in = TellingWords.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("the word list " + resource + " is not on the classpath");
            Set<String> words = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) words.add(word);
            }
            return new TellingWords(words);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the word list " + resource, e);
        }
    }
}
