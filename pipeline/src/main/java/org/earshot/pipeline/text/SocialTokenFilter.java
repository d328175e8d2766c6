package org.earshot.pipeline.text;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/** The social rules of {@link SocialAnalyzer} that no stock filter knows: URL hosts, joiners, elongations. */
final class SocialTokenFilter extends TokenFilter {
    private static final Pattern JOINERS = Pattern.compile("['’-]");
    private static final Pattern ELONGATION = Pattern.compile("(\\p{L})\\1{2,}");

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private String pendingHost;

    SocialTokenFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (pendingHost != null) {
            term.setEmpty().append(pendingHost);
            position.setPositionIncrement(0);
            pendingHost = null;
            return true;
        }
        if (!input.incrementToken()) return false;
        String token = term.toString();
        if (token.startsWith("http://") || token.startsWith("https://")) {
            pendingHost = host(token);
        } else if (token.charAt(0) != '#' && token.charAt(0) != '@') {
            String word = ELONGATION.matcher(JOINERS.matcher(token).replaceAll("")).replaceAll("$1$1");
            if (!word.equals(token)) term.setEmpty().append(word);
        }
        return true;
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
        pendingHost = null;
    }
}
