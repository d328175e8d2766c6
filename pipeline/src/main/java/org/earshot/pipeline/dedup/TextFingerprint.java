package org.earshot.pipeline.dedup;

import java.util.Locale;

/**
 * What stays of a post when the differences between its copies are taken out: links, @handles,
 * "RT" and "via" credits, case, punctuation, emoji and spacing. Two posts with the same fingerprint
 * say the same thing in the same words.
 *
 * <p>Only texts of {@value #MIN_WORDS} words or more have one. A short post said twice is usually
 * two people saying the same thing ("the app is down again"), and each of them counts for volume;
 * a long text repeated word for word is a copy (a syndicated article, copypasta).
 */
final class TextFingerprint {
    static final int MIN_WORDS = 20;

    private TextFingerprint() {}

    /** The fingerprint, or null when too few words remain to call two posts copies. */
    static String of(String text) {
        if (text == null || tokenCount(text) < MIN_WORDS) return null; // most posts: no work on the hot path
        StringBuilder out = new StringBuilder(text.length());
        int words = 0;
        String[] tokens = text.split("\\s+");
        for (int t = 0; t < tokens.length; t++) {
            String token = tokens[t];
            String lower = token.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("www.") || lower.startsWith("@")) continue;
            if ((t == 0 && lower.equals("rt")) || lower.equals("via")) continue;
            int before = out.length();
            if (before > 0) out.append(' ');
            boolean any = false;
            for (int i = 0; i < lower.length(); ) {
                int cp = lower.codePointAt(i);
                i += Character.charCount(cp);
                if (Character.isLetterOrDigit(cp)) {
                    out.appendCodePoint(cp);
                    any = true;
                }
            }
            if (any) words++;
            else out.setLength(before);
        }
        return words >= MIN_WORDS ? out.toString() : null;
    }

    /** Whitespace-separated tokens, an upper bound on the words a fingerprint can count. */
    private static int tokenCount(String text) {
        int tokens = 0;
        boolean inToken = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inToken) tokens++;
            inToken = !space;
        }
        return tokens;
    }
}
