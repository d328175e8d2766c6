package org.earshot.local.clickhouse.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an INSERT's data begins in the text of a request. ClickHouse reads {@code INSERT INTO t
 * VALUES (1),(2)} or {@code INSERT INTO t FORMAT CSV} followed by rows as a statement and its
 * data; the engine, given the same text, would also run whatever follows the data as another
 * statement. So the front cuts the text here and streams the data into the insert, as the
 * server does, and nothing after it is ever parsed as SQL.
 *
 * <p>The scan follows ClickHouse's lexer far enough to skip what cannot hold a keyword: quoted
 * strings and identifiers (with backslash escapes and doubled quotes), heredocs ({@code $$…$$}),
 * and comments ({@code --}, {@code #}, nested {@code /* … *&#47;}).
 */
final class SqlText {
    private final String text;
    private int at;

    private SqlText(String text) {
        this.text = text;
    }

    /**
     * An INSERT with its data in the text: the statement without its data keyword, the data's
     * format, and the offset where the data begins.
     *
     * @param statement {@code INSERT INTO t [(columns)] [SETTINGS …]}
     * @param format {@code Values}, or the name after FORMAT
     */
    record InlineInsert(String statement, String format, int dataStart) {}

    /**
     * The insert whose data follows in {@code text}: {@code INSERT … VALUES}, or {@code INSERT …
     * FORMAT f} (an {@code INSERT … SELECT … FROM input(…) FORMAT f} too). Empty for any other
     * statement, an {@code INSERT … SELECT} without data included.
     */
    static Optional<InlineInsert> inlineInsert(String text) {
        return new SqlText(text).findInsertData();
    }

    /** The words of {@code text} outside strings, quoted identifiers and comments, in order. */
    static List<String> words(String text) {
        SqlText scan = new SqlText(text);
        List<String> words = new ArrayList<>();
        while (true) {
            scan.skipSpaceAndComments();
            if (scan.at >= text.length()) return words;
            char c = text.charAt(scan.at);
            if (c == '\'' || c == '"' || c == '`') scan.skipQuoted(c);
            else if (c == '$') {
                if (!scan.skipHeredoc()) scan.at++;
            } else if (isWordChar(c)) words.add(scan.word());
            else scan.at++;
        }
    }

    private Optional<InlineInsert> findInsertData() {
        String first = nextWord();
        if (first == null || !first.equalsIgnoreCase("INSERT")) return Optional.empty();
        int depth = 0;
        boolean select = false;
        while (true) {
            skipSpaceAndComments();
            if (at >= text.length()) return Optional.empty();
            char c = text.charAt(at);
            int tokenStart = at;
            if (c == '(') {
                depth++;
                at++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                at++;
            } else if (c == '\'' || c == '"' || c == '`') {
                skipQuoted(c);
            } else if (c == '$') {
                if (!skipHeredoc()) at++;
            } else if (isWordChar(c)) {
                String word = word();
                if (depth > 0) continue;
                // After SELECT, VALUES is the table function; FORMAT still starts data (for input()).
                if (word.equalsIgnoreCase("SELECT") || word.equalsIgnoreCase("WITH")) select = true;
                if (word.equalsIgnoreCase("VALUES") && !select) {
                    return Optional.of(new InlineInsert(text.substring(0, tokenStart).strip(), "Values", at));
                }
                if (word.equalsIgnoreCase("FORMAT")) {
                    skipSpaceAndComments();
                    String format = at < text.length() && isWordChar(text.charAt(at)) ? word() : null;
                    if (format == null) return Optional.empty();
                    return Optional.of(new InlineInsert(text.substring(0, tokenStart).strip(), format, dataStart()));
                }
            } else {
                at++;
            }
        }
    }

    /** After a format's name: spaces and tabs, then at most one line break, as the server skips them. */
    private int dataStart() {
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) at++;
        if (at < text.length() && text.charAt(at) == '\r') at++;
        if (at < text.length() && text.charAt(at) == '\n') at++;
        return at;
    }

    private String nextWord() {
        skipSpaceAndComments();
        return at < text.length() && isWordChar(text.charAt(at)) ? word() : null;
    }

    private String word() {
        int start = at;
        while (at < text.length() && isWordChar(text.charAt(at))) at++;
        return text.substring(start, at);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private void skipSpaceAndComments() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
            } else if (c == '-' && next(1) == '-' || c == '#' && (next(1) == ' ' || next(1) == '!')) {
                int eol = text.indexOf('\n', at);
                at = eol < 0 ? text.length() : eol + 1;
            } else if (c == '/' && next(1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipBlockComment() {
        int depth = 0;
        while (at < text.length()) {
            if (text.startsWith("/*", at)) {
                depth++;
                at += 2;
            } else if (text.startsWith("*/", at)) {
                depth--;
                at += 2;
                if (depth == 0) return;
            } else {
                at++;
            }
        }
    }

    /** A string or quoted identifier: a backslash escapes the next character, a doubled quote is one. */
    private void skipQuoted(char quote) {
        at++;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '\\') {
                at += 2;
            } else if (c == quote) {
                if (next(1) == quote) {
                    at += 2;
                } else {
                    at++;
                    return;
                }
            } else {
                at++;
            }
        }
    }

    /** {@code $tag$ … $tag$}; false (nothing skipped) when this {@code $} does not open one. */
    private boolean skipHeredoc() {
        int close = text.indexOf('$', at + 1);
        if (close < 0) return false;
        String tag = text.substring(at, close + 1);
        for (int i = 1; i < tag.length() - 1; i++) if (!isWordChar(tag.charAt(i))) return false;
        int end = text.indexOf(tag, close + 1);
        at = end < 0 ? text.length() : end + tag.length();
        return true;
    }

    private char next(int offset) {
        int i = at + offset;
        return i < text.length() ? text.charAt(i) : '\0';
    }
}
