package org.earshot.pipeline.text;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Pattern;
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
    private static final Pattern JOINERS = Pattern.compile("['’-]");
    private static final Pattern POSSESSIVE = Pattern.compile("['’][sS]$");
    private static final Pattern ELONGATION = Pattern.compile("(\\p{L})\\1{2,}");

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
            String stem = POSSESSIVE.matcher(token).replaceFirst("");
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

    /** A word without apostrophes and hyphens, its elongations cut to two letters. */
    private static String word(String token) {
        return ELONGATION.matcher(JOINERS.matcher(token).replaceAll("")).replaceAll("$1$1");
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
