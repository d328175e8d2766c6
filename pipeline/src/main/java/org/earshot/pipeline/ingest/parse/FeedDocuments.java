package org.earshot.pipeline.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.schemas.Author;
import org.earshot.schemas.Mention;
import org.xml.sax.InputSource;

/**
 * Feed documents to Mentions: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom through ROME, which also reads
 * the many date formats feeds really use; JSON Feed 1.x read here. XML with a DOCTYPE is refused
 * outright, which shuts out external entities and entity-expansion bombs alike.
 *
 * <p>An item is identified by its guid (Atom: id), else its link, else its title and date, and its
 * mention id is {@code rss:} and that identity (hashed when very long).
 */
public final class FeedDocuments {
    public static final String NETWORK = "rss";
    private static final int MAX_PLAIN_ID = 400;
    /** One configured parser per thread: building one looks up ROME's plugins each time. */
    private static final ThreadLocal<SyndFeedInput> INPUT = ThreadLocal.withInitial(() -> {
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        return input;
    });

    private FeedDocuments() {}

    public static List<Ingested> parse(URI from, byte[] body, Instant fetchedAt) throws FetchException {
        return looksLikeJson(body) ? jsonFeed(from, body, fetchedAt) : xmlFeed(from, body, fetchedAt);
    }

    private static List<Ingested> xmlFeed(URI from, byte[] body, Instant fetchedAt) throws FetchException {
        SyndFeed feed;
        try {
            SyndFeedInput input = INPUT.get();
            // Bytes straight to the XML parser, which reads the encoding from the BOM or declaration
            // itself (several times faster than decoding through a Reader first).
            feed = input.build(new InputSource(new ByteArrayInputStream(body)));
        } catch (FeedException | IllegalArgumentException e) {
            throw FetchException.malformed(from, "not a readable RSS, Atom or RDF feed: " + Posts.firstLine(e.getMessage()), e);
        }
        String feedAuthor = feed.getAuthor();
        for (SyndPerson p : feed.getAuthors()) if (feedAuthor == null || feedAuthor.isBlank()) feedAuthor = p.getName();
        List<Ingested> out = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            String identity = firstNonBlank(entry.getUri(), entry.getLink(),
                    entry.getTitle() == null ? null : entry.getTitle() + "|" + entry.getPublishedDate());
            if (identity == null) {
                out.add(Ingested.problem(NETWORK, "feed item of " + from + " without guid, id, link or title", String.valueOf(entry.getTitle())));
                continue;
            }
            Mention m = Posts.start(NETWORK, itemId(identity), fetchedAt);
            m.url = entry.getLink();
            m.title = entry.getTitle();
            m.text = content(entry);
            m.publishedAt = instant(entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate());
            m.author = author(entry, feedAuthor, feed.getLink());
            for (SyndCategory c : entry.getCategories()) if (c.getName() != null && !c.getName().isBlank()) m.hashtags.add(c.getName().strip());
            if (entry.getLink() != null) m.links.add(entry.getLink());
            m.threadId = m.id;
            out.add(Ingested.mention(Posts.finish(m, null)));
        }
        return out;
    }

    private static List<Ingested> jsonFeed(URI from, byte[] body, Instant fetchedAt) throws FetchException {
        JsonNode feed = Posts.json(from, body);
        String version = Posts.text(feed, "version");
        if (version == null || !version.startsWith("https://jsonfeed.org/version/")) {
            throw FetchException.malformed(from, "JSON without a JSON Feed 'version'", null);
        }
        JsonNode feedAuthor = feed.has("authors") ? feed.path("authors").path(0) : feed.path("author");
        List<Ingested> out = new ArrayList<>();
        for (JsonNode item : feed.path("items")) {
            String identity = firstNonBlank(Posts.text(item, "id"), Posts.text(item, "url"));
            if (identity == null) {
                out.add(Ingested.problem(NETWORK, "JSON Feed item of " + from + " without 'id' or 'url'", item.toString()));
                continue;
            }
            Mention m = Posts.start(NETWORK, itemId(identity), fetchedAt);
            m.url = Posts.text(item, "url");
            m.title = Posts.text(item, "title");
            m.text = firstNonBlank(Posts.text(item, "content_html"), Posts.text(item, "content_text"), Posts.text(item, "summary"));
            m.publishedAt = Posts.isoTime(firstNonBlank(Posts.text(item, "date_published"), Posts.text(item, "date_modified")));
            JsonNode a = item.has("authors") ? item.path("authors").path(0) : item.has("author") ? item.path("author") : feedAuthor;
            if (a.isObject()) m.author = Posts.author(null, Posts.text(a, "name"), Posts.text(a, "url"), null);
            for (JsonNode tag : item.path("tags")) if (tag.isTextual()) m.hashtags.add(tag.asText());
            String external = Posts.text(item, "external_url");
            if (m.url != null) m.links.add(m.url);
            if (external != null) m.links.add(external);
            m.threadId = m.id;
            out.add(Ingested.mention(Posts.finish(m, item)));
        }
        return out;
    }

    private static String content(SyndEntry entry) {
        StringBuilder text = new StringBuilder();
        for (SyndContent c : entry.getContents()) {
            if (c.getValue() != null) text.append(c.getValue()).append('\n');
        }
        if (text.length() == 0 && entry.getDescription() != null && entry.getDescription().getValue() != null) {
            text.append(entry.getDescription().getValue());
        }
        return text.toString();
    }

    private static Author author(SyndEntry entry, String feedAuthor, String feedLink) {
        for (SyndPerson p : entry.getAuthors()) {
            if (p.getName() != null || p.getEmail() != null) {
                return Posts.author(null, firstNonBlank(p.getName(), p.getEmail()), p.getUri(), null);
            }
        }
        String name = firstNonBlank(entry.getAuthor(), feedAuthor);
        return name == null ? null : Posts.author(null, name, feedLink, null);
    }

    static String itemId(String identity) {
        String id = identity.strip();
        if (id.length() <= MAX_PLAIN_ID) return id;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return null;
    }

    private static boolean looksLikeJson(byte[] body) {
        for (byte b : body) {
            if (b == '{') return true;
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) return false;
        }
        return false;
    }
}
