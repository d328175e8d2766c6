package org.earshot.pipeline.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The sentiment lexicons Earshot ships ({@code /lexicons}, each with its licence in
 * {@code NOTICE.md}), keyed the way {@link SocialTokens} writes tokens: lower case, apostrophes
 * dropped, emoji by their first code point. Loaded once per JVM. English has four; French and
 * Italian have Pattern's and the emoji ranking; every other language the emoji ranking alone.
 */
final class Lexicons {
    /** One lexicon: a token's polarity, negative below zero. */
    record Lexicon(String name, Map<String, Double> scores) {
        double score(String token) {
            Double s = scores.get(token);
            return s == null ? 0 : s;
        }
    }

    static final Lexicon VADER = tsv("vader", "vader.tsv");
    static final Lexicon AFINN = tsv("afinn", "afinn-165.tsv");
    static final Lexicon BING = bing();
    static final Lexicon EMOJI = emoji();
    /** Pattern's French and Italian adjective lexicons: a form's mean polarity (−1..+1). */
    static final Lexicon PATTERN_FR = tsv("pattern-fr", "pattern-fr.tsv");
    static final Lexicon PATTERN_IT = tsv("pattern-it", "pattern-it.tsv");
    static final Lexicon[] ENGLISH = {VADER, AFINN, BING, EMOJI};
    static final Lexicon[] FRENCH = {PATTERN_FR, EMOJI};
    static final Lexicon[] ITALIAN = {PATTERN_IT, EMOJI};
    /** Emoji mean the same in every language. */
    static final Lexicon[] ANY_LANGUAGE = {EMOJI};

    private Lexicons() {}

    static String key(String token) {
        if (token.indexOf('\'') < 0 && token.indexOf('\u2019') < 0) return token.toLowerCase(Locale.ROOT);
        return token.toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "");
    }

    private static Lexicon tsv(String name, String file) {
        Map<String, Double> scores = new HashMap<>();
        read(file, line -> {
            int tab = line.lastIndexOf('\t');
            if (tab <= 0) return;
            try {
                scores.put(key(line.substring(0, tab).strip()), Double.parseDouble(line.substring(tab + 1).strip()));
            } catch (NumberFormatException ignored) {
                // a header or a damaged line: not a score
            }
        });
        return new Lexicon(name, scores);
    }

    private static Lexicon bing() {
        Map<String, Double> scores = new HashMap<>();
        read("bing-liu-positive.txt", w -> scores.put(key(w.strip()), 1.0));
        read("bing-liu-negative.txt", w -> scores.put(key(w.strip()), -1.0));
        return new Lexicon("bing", scores);
    }

    /** Emoji polarity as Kralj Novak et al. define it: (positive − negative) / (occurrences + 3), for emoji seen 5 times or more. */
    private static Lexicon emoji() {
        Map<String, Double> scores = new HashMap<>();
        read("emoji-sentiment.csv", line -> {
            String[] f = line.split(",");
            if (f.length < 4 || f[0].isEmpty()) return;
            try {
                double neg = Double.parseDouble(f[1]);
                double neu = Double.parseDouble(f[2]);
                double pos = Double.parseDouble(f[3]);
                double n = neg + neu + pos;
                if (n < 5) return;
                scores.put(new String(Character.toChars(f[0].codePointAt(0))), (pos - neg) / (n + 3));
            } catch (NumberFormatException header) {
                // the header line
            }
        });
        return new Lexicon("emoji", scores);
    }

    private static void read(String file, java.util.function.Consumer<String> line) {
        try (InputStream in = Lexicons.class.getResourceAsStream("/lexicons/" + file)) {
            if (in == null) throw new IllegalStateException("lexicon /lexicons/" + file + " is missing from the class path");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String l = reader.readLine(); l != null; l = reader.readLine()) if (!l.isBlank()) line.accept(l);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lexicon " + file, e);
        }
    }
}
