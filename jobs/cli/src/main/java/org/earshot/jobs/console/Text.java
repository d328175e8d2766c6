package org.earshot.jobs.console;

/** Text from posts, rules and servers made safe and short enough to print on a terminal. */
public final class Text {
    private Text() {}

    /**
     * The text without control characters (escape sequences would drive the reader's terminal:
     * move the cursor, rewrite earlier lines, set the window title) or bidirectional overrides
     * (which make text read in another order than it is stored).
     */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> Character.getType(cp) != Character.CONTROL && !isBidiControl(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** A value on one line ({@code \n} and {@code \t} shown as such), printable, cut to {@code maxWidth} when it is positive. */
    public static String cell(String value, int maxWidth) {
        if (value == null) return "NULL";
        String flat = printable(value.replace("\n", "\\n").replace("\t", "\\t"));
        return maxWidth <= 0 || flat.length() <= maxWidth ? flat : flat.substring(0, maxWidth - 1) + "…";
    }

    /** The first line of a message. */
    public static String firstLine(String message) {
        if (message == null) return "";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
    }
}
