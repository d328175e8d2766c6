package org.earshot.pipeline.aggregate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.earshot.pipeline.query.MentionFields;
import org.earshot.pipeline.text.Tokens;
import org.earshot.schemas.Mention;

/**
 * The words of a mention worth counting as trending: its tokens from the shared social analyzer
 * (so "Loooove" and "love" count together, as rules see them) without stop words of the
 * languages Earshot listens in most, numbers, links, handles and one-letter tokens; and its
 * hashtags, lower-cased. Not thread-safe.
 */
public final class TrendingTerms {
    /** More than a post has words worth counting; bounds the work on a huge text. */
    static final int MAX_PER_MENTION = 64;
    private static final String[] STOP_LISTS = {"english", "french", "german", "spanish", "italian", "portuguese", "dutch"};
    /** Social filler the stop lists lack, after the analyzer dropped apostrophes. */
    private static final List<String> SOCIAL_FILLER = List.of("rt", "amp", "via", "im", "ive", "id", "ill", "dont", "cant",
            "wont", "didnt", "doesnt", "isnt", "arent", "wasnt", "youre", "thats", "theres", "whats", "lets", "gonna",
            "wanna", "gotta", "just", "also", "get", "got", "one", "can", "will", "now", "u", "ur", "http", "https", "www");

    private final Analyzer analyzer = MentionFields.queryAnalyzer();
    private final CharArraySet stopWords = new CharArraySet(stopWords(analyzer), false);

    /**
     * Distinct content words of the title and text, in order of appearance. Read off the analyzer's buffer, so that
     * no string is made for a stop word, a number or a link, the most of a post's tokens.
     */
    public List<String> terms(Mention m) {
        String text = m.title == null ? m.text : m.title + "\n" + m.text;
        List<String> terms = new ArrayList<>();
        if (text == null || text.isEmpty()) return terms;
        Set<String> seen = new HashSet<>();
        try (TokenStream stream = analyzer.tokenStream(MentionFields.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (terms.size() < MAX_PER_MENTION && stream.incrementToken()) {
                if (increment.getPositionIncrement() == 0 || !worthCounting(term.buffer(), term.length())) continue;
                String word = term.toString();
                if (seen.add(word)) terms.add(word);
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyze mention " + m.id, e);
        }
        return terms;
    }

    /** The mention's hashtags, lower-cased, each once, with their {@code #}. */
    public List<String> hashtags(Mention m) {
        Set<String> tags = new LinkedHashSet<>();
        if (m.hashtags != null) {
            for (String tag : m.hashtags) {
                if (tags.size() == MAX_PER_MENTION) break;
                if (tag == null || tag.isBlank()) continue;
                String t = tag.toLowerCase(Locale.ROOT);
                tags.add(t.startsWith("#") ? t : "#" + t);
            }
        }
        return new ArrayList<>(tags);
    }

    /** Two characters or more, not a stop word, a hashtag, a handle, a link, a domain or a number. */
    private boolean worthCounting(char[] token, int length) {
        if (length == 0 || Character.codePointCount(token, 0, length) < 2 || stopWords.contains(token, 0, length)) return false;
        if (token[0] == '#' || token[0] == '@') return false;
        boolean number = true;
        for (int i = 0; i < length; i++) {
            char c = token[i];
            if (c == '.' || c == '/') return false; // a link (://), a path or a domain
            if (!Character.isDigit(c) && c != ',' && c != '-') number = false;
        }
        return !number; // digits, commas and hyphens alone: 2024, 1,000
    }

    /** The stop lists as the analyzer folds them, so "être" is caught as "etre". */
    static Set<String> stopWords(Analyzer analyzer) {
        Set<String> words = new HashSet<>(SOCIAL_FILLER);
        for (String language : STOP_LISTS) {
            try (InputStream in = SnowballFilter.class.getResourceAsStream(language + "_stop.txt")) {
                if (in == null) throw new IllegalStateException("Lucene's " + language + " stop list is missing from the classpath");
                for (Object word : WordlistLoader.getSnowballWordSet(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                    Tokens.of(analyzer, MentionFields.TEXT, word instanceof char[] chars ? new String(chars) : word.toString()).forEach(t -> words.add(t.text()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return words;
    }
}
