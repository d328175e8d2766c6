package org.earshot.pipeline.text;

import java.util.function.IntPredicate;

/**
 * The pieces of regular expressions that reading a post needs, as plain loops over its characters: Java's {@code
 * Pattern} tries every alternative at every position and looks character classes up through layers of predicates,
 * which made the tokenizers (the classifiers' and the Lucene analyzer's) and the language stage's cleaning most of
 * their time. Each method says the expression it stands for; code points are read as a {@code Pattern} reads them
 * ({@link String#codePointAt}), so a lone surrogate is a character of its own that no class here admits. The callers'
 * tests hold them to the expressions. A character class is a {@link Chars}: its ASCII members in a table, looked up
 * without a call, since most of what Earshot reads is ASCII.
 */
public final class Scan {
    /** {@link Character#getType} categories as bits: \p{L}, \p{M}, \p{N}, and \p{So} with \p{Sk}. */
    public static final int LETTERS = 1 << Character.UPPERCASE_LETTER | 1 << Character.LOWERCASE_LETTER
            | 1 << Character.TITLECASE_LETTER | 1 << Character.MODIFIER_LETTER | 1 << Character.OTHER_LETTER;
    public static final int MARKS = 1 << Character.NON_SPACING_MARK | 1 << Character.ENCLOSING_MARK | 1 << Character.COMBINING_SPACING_MARK;
    public static final int NUMBERS = 1 << Character.DECIMAL_DIGIT_NUMBER | 1 << Character.LETTER_NUMBER | 1 << Character.OTHER_NUMBER;
    public static final int SYMBOLS = 1 << Character.OTHER_SYMBOL | 1 << Character.MODIFIER_SYMBOL;

    /** What a word is made of: {@code [\p{L}\p{M}\p{N}]}. */
    public static final Chars WORD = new Chars(cp -> is(cp, LETTERS | MARKS | NUMBERS));

    /** What a hashtag (and, in the language stage, a handle) is made of: {@code [\p{L}\p{M}\p{N}_]}. */
    public static final Chars NAME = new Chars(cp -> cp == '_' || WORD.test(cp));

    /** {@code \S} without Unicode classes: anything but {@code [ \t\n\x0B\f\r]}. */
    public static final Chars NOT_SPACE = new Chars(cp -> !(cp == ' ' || (cp >= '\t' && cp <= '\r')));

    /**
     * A character class, its ASCII members in a table. A scan answers an ASCII character with one load; behind a bare
     * predicate each character was a call through whichever of the seven classes the scan was given (one call site
     * for all, so the JIT could not inline it) and then {@link Character#getType}. The rest still ask the predicate.
     */
    public static final class Chars implements IntPredicate {
        private final boolean[] ascii = new boolean[128];
        private final IntPredicate rest;

        /** The class of the code points {@code members} admits. */
        public Chars(IntPredicate members) {
            for (int c = 0; c < ascii.length; c++) ascii[c] = members.test(c);
            this.rest = members;
        }

        @Override
        public boolean test(int cp) {
            return cp >= 0 && cp < 128 ? ascii[cp] : rest.test(cp);
        }
    }

    private Scan() {}

    /** Whether the code point's category is one of {@code categories} (bits of {@link Character#getType}). */
    public static boolean is(int cp, int categories) {
        return (categories >> Character.getType(cp) & 1) != 0;
    }

    /** Whether the char at {@code i} is one of {@code chars} (false past the end). */
    public static boolean at(String chars, String s, int i) {
        return i < s.length() && chars.indexOf(s.charAt(i)) >= 0;
    }

    /** {@code X*}: the end of the run of code points from {@code i} that {@code x} admits. */
    public static int run(String s, int i, Chars x) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c < 128) {
                if (!x.ascii[c]) break;
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            if (!x.rest.test(cp)) break;
            i += Character.charCount(cp);
        }
        return i;
    }

    /** {@code X+(?:[separators]X+)*}: the end of the match from {@code i}, or -1 when there is none. */
    public static int joined(String s, int i, Chars x, String separators) {
        int end = run(s, i, x);
        if (end == i) return -1;
        while (at(separators, s, end)) {
            int next = run(s, end + 1, x);
            if (next == end + 1) break;
            end = next;
        }
        return end;
    }

    /** {@code https?://\S+|www\.\S+}: the end of the link from {@code i}, or -1 when none starts there. */
    public static int link(String s, int i) {
        int from = s.startsWith("http://", i) ? i + 7 : s.startsWith("https://", i) ? i + 8 : s.startsWith("www.", i) ? i + 4 : -1;
        if (from < 0) return -1;
        int end = run(s, from, NOT_SPACE);
        return end > from ? end : -1;
    }

    /** {@code c[X]+}, one char {@code c} then a run of what {@code x} admits: its end, or -1. */
    public static int marked(String s, int i, char c, Chars x) {
        if (s.charAt(i) != c) return -1;
        int end = run(s, i + 1, x);
        return end > i + 1 ? end : -1;
    }
}
