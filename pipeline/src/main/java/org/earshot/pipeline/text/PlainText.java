package org.earshot.pipeline.text;

import java.text.Normalizer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Turns untrusted text, possibly HTML, into clean plain text.
 *
 * <ul>
 *   <li>HTML markup is removed and entities decoded (jsoup), keeping line breaks of block elements;
 *   <li>Unicode is composed (NFC) so that equal-looking text compares equal;
 *   <li>control characters, bidirectional overrides (text-spoofing), zero-width spaces, BOMs and
 *       unpaired surrogates are dropped; zero-width joiners stay, emoji sequences need them;
 *   <li>runs of combining marks are capped, which defuses "Zalgo" text without harming any
 *       real script;
 *   <li>horizontal whitespace collapses to one space, blank lines to at most one;
 *   <li>the result is cut at {@code maxChars} on a code point boundary.
 * </ul>
 */
public final class PlainText {
    static final int MAX_COMBINING_MARKS = 4;

    private PlainText() {}

    public static String clean(String input, int maxChars) {
        if (input == null || input.isEmpty()) return input == null ? null : "";
        String text = looksLikeHtml(input) ? htmlToText(input) : input;
        if (!Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
            text = Normalizer.normalize(text, Normalizer.Form.NFC);
        }
        return scrub(text, maxChars);
    }

    static boolean looksLikeHtml(String s) {
        int lt = s.indexOf('<');
        if (lt >= 0 && lt + 1 < s.length()) {
            char next = s.charAt(lt + 1);
            if (Character.isLetter(next) || next == '/' || next == '!') return true;
        }
        int amp = s.indexOf('&');
        return amp >= 0 && s.indexOf(';', amp) > amp;
    }

    private static String htmlToText(String html) {
        StringBuilder out = new StringBuilder(html.length());
        Jsoup.parseBodyFragment(html).body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.getWholeText());
                } else if (node instanceof Element e && (e.isBlock() || "br".equals(e.normalName()))) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock() && !"br".equals(e.normalName())) out.append('\n');
            }
        });
        return out.toString();
    }

    /** One pass over the code points: drop the unwanted, fold whitespace, cap marks and length. */
    private static String scrub(String s, int maxChars) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), maxChars));
        int marks = 0;
        int newlines = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c > 0x20 && c < 0x7F) {
                // Printable ASCII, most of any post: nothing to drop or fold.
                if (out.length() > 0) {
                    if (newlines > 0) out.append(newlines > 1 ? "\n\n" : "\n");
                    else if (pendingSpace) out.append(' ');
                }
                newlines = 0;
                pendingSpace = false;
                marks = 0;
                if (out.length() >= maxChars) break;
                out.append(c);
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
                if (cp == '\r' && i < s.length() && s.charAt(i) == '\n') i++;
                newlines++;
                pendingSpace = false;
                continue;
            }
            if (isHorizontalSpace(cp)) {
                pendingSpace = true;
                continue;
            }
            if (isDropped(cp)) continue;
            boolean mark = isCombiningMark(cp);
            if (mark) {
                if (++marks > MAX_COMBINING_MARKS) continue;
            } else {
                marks = 0;
            }
            if (out.length() > 0) {
                if (newlines > 0) out.append(newlines > 1 ? "\n\n" : "\n");
                else if (pendingSpace) out.append(' ');
            }
            newlines = 0;
            pendingSpace = false;
            if (out.length() + Character.charCount(cp) > maxChars) break;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    private static boolean isHorizontalSpace(int cp) {
        return cp == ' ' || cp == '\t' || cp == 0x0B || cp == 0x0C || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    private static boolean isDropped(int cp) {
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;          // C0 and C1 controls, DEL
        if (cp >= 0x202A && cp <= 0x202E) return true;                      // bidi embeddings and overrides
        if (cp >= 0x2066 && cp <= 0x2069) return true;                      // bidi isolates
        if (cp == 0x200B || cp == 0xFEFF || cp == 0x2060 || cp == 0x00AD) return true; // invisible spacers
        if (cp >= 0xD800 && cp <= 0xDFFF) return true;                      // unpaired surrogates
        return cp == 0xFFFE || cp == 0xFFFF;
    }

    private static boolean isCombiningMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }
}
