package org.earshot.pipeline.text;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The social rules of {@link SocialAnalyzer} that no stock filter knows: URL hosts, possessives,
 * joiners, elongations, and, when text is indexed, the other forms a brand takes in a post.
 *
 * <p>Every word loses a possessive ({@code Aurora's}, {@code Aurora’s} → {@code aurora}) and its
 * apostrophes and hyphens ({@code don't} → {@code dont}, {@code co-op} → {@code coop}). When
 * {@code expand} is set (indexing a post, not reading a query), a hashtag and an @-mention also
 * stand for the word they are made of ({@code #Aurora} and {@code @aurora} are at the same
 * position as {@code aurora}), and a hyphenated compound also stands for its parts, one position
 * each ({@code aurora-phone} holds {@code aurora} and {@code phone}, adjacent). A query word is
 * read without expansion, so {@code #aurora} in a query still finds only the hashtag.
 */
final class SocialTokenFilter extends TokenFilter {

    private final boolean expand;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    /** Tokens still to emit after the current one: text, position increment, offsets. */
    private final Deque<Pending> pending = new ArrayDeque<>();

    private record Pending(String text, int increment, int start, int end) {}

    SocialTokenFilter(TokenStream in, boolean expand) {
        super(in);
        this.expand = expand;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pending.isEmpty()) {
            Pending next = pending.removeFirst();
            term.setEmpty().append(next.text());
            position.setPositionIncrement(next.increment());
            offset.setOffset(next.start(), next.end());
            return true;
        }
        if (!input.incrementToken()) return false;
        String token = term.toString();
        int start = offset.startOffset();
        int end = offset.endOffset();
        if (token.startsWith("http://") || token.startsWith("https://")) {
            String host = host(token);
            if (host != null) pending.add(new Pending(host, 0, start, end));
        } else if (token.charAt(0) == '#' || token.charAt(0) == '@') {
            if (expand) {
                String bare = token.substring(1);
                int instance = bare.indexOf('@');
                // @user@instance.social: the user is the word.
                if (instance > 0) bare = bare.substring(0, instance);
                if (!bare.isEmpty()) pending.add(new Pending(word(bare), 0, start + 1, start + 1 + bare.length()));
            }
        } else {
            String stem = withoutPossessive(token);
            String word = word(stem);
            if (!word.equals(token)) term.setEmpty().append(word);
            if (expand && stem.indexOf('-') > 0) parts(stem, start);
        }
        return true;
    }

    /** The parts of a hyphenated compound after the whole: the first at its position, each next one after. */
    private void parts(String compound, int start) {
        int from = 0;
        boolean first = true;
        for (int i = 0; i <= compound.length(); i++) {
            if (i < compound.length() && compound.charAt(i) != '-') continue;
            if (i > from) {
                pending.add(new Pending(word(compound.substring(from, i)), first ? 0 : 1, start + from, start + i));
                first = false;
            }
            from = i + 1;
        }
    }

    /** {@code Aurora's} and {@code Aurora’s} without their {@code 's}. */
    private static String withoutPossessive(String token) {
        int n = token.length();
        if (n < 2 || (token.charAt(n - 1) != 's' && token.charAt(n - 1) != 'S') || !isApostrophe(token.charAt(n - 2))) return token;
        return token.substring(0, n - 2);
    }

    /**
     * A word without apostrophes and hyphens, any letter repeated three times or more cut to two ({@code sooo} →
     * {@code soo}); a run continues across a removed joiner. Every token of every post passes here, so it is one
     * pass over the characters rather than regular expressions.
     */
    private static String word(String token) {
        StringBuilder out = null;
        int last = -1;
        int run = 0;
        for (int i = 0; i < token.length(); ) {
            int c = token.codePointAt(i);
            int width = Character.charCount(c);
            boolean drop = c == '-' || isApostrophe(c);
            if (!drop) {
                run = c == last ? run + 1 : 1;
                last = c;
                drop = run > 2 && Character.isLetter(c);
            }
            if (drop && out == null) out = new StringBuilder(token.length()).append(token, 0, i);
            else if (!drop && out != null) out.appendCodePoint(c);
            i += width;
        }
        return out == null ? token : out.toString();
    }

    private static boolean isApostrophe(int c) {
        return c == '\'' || c == '’';
    }

    /** The URL's host without {@code www.}, or null when it has none. */
    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host == null) return null;
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
    }
}
