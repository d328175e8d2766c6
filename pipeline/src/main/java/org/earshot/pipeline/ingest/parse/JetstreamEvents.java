package org.earshot.pipeline.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.schemas.Mention;

/**
 * Bluesky Jetstream v1 events to Mentions: a created or updated {@code app.bsky.feed.post} is a
 * mention, a deleted one a deletion; likes, follows, identity and account events carry no post
 * and yield nothing (null), though their {@code time_us} still moves the cursor.
 */
public final class JetstreamEvents {
    public static final String NETWORK = "bluesky";
    public static final String POST = "app.bsky.feed.post";

    private JetstreamEvents() {}

    /** One event: its cursor position and what it means for Earshot. */
    public record Event(long timeUs, Ingested record) {}

    public static Event parse(URI from, byte[] message, Instant fetchedAt) throws FetchException {
        JsonNode e = Posts.json(from, message);
        long timeUs = Posts.number(e, "time_us");
        if (!"commit".equals(Posts.text(e, "kind"))) return new Event(timeUs, null);
        JsonNode commit = e.path("commit");
        if (!POST.equals(Posts.text(commit, "collection"))) return new Event(timeUs, null);
        String did = Posts.text(e, "did");
        String rkey = Posts.text(commit, "rkey");
        if (did == null || rkey == null) {
            return new Event(timeUs, Ingested.problem(NETWORK, "post event without 'did' or 'commit.rkey'", e.toString()));
        }
        String atUri = "at://" + did + "/" + POST + "/" + rkey;
        String operation = Posts.text(commit, "operation");
        if ("delete".equals(operation)) return new Event(timeUs, Ingested.deletion(NETWORK + ":" + atUri));
        JsonNode record = commit.path("record");
        if (!record.isObject()) return new Event(timeUs, Ingested.problem(NETWORK, "post " + operation + " without a record", e.toString()));
        Mention m = Posts.start(NETWORK, atUri, fetchedAt);
        m.url = "https://bsky.app/profile/" + did + "/post/" + rkey;
        m.text = Posts.text(record, "text");
        m.publishedAt = Posts.isoTime(Posts.text(record, "createdAt"));
        if (m.publishedAt == null && timeUs > 0) m.publishedAt = Instant.ofEpochSecond(timeUs / 1_000_000, (timeUs % 1_000_000) * 1000);
        JsonNode langs = record.path("langs");
        if (langs.isArray() && langs.size() > 0) m.lang = langs.get(0).asText();
        m.author = Posts.author(did, null, "https://bsky.app/profile/" + did, null);
        JsonNode reply = record.path("reply");
        if (reply.isObject()) {
            m.parentId = prefixed(Posts.text(reply.path("parent"), "uri"));
            m.threadId = prefixed(Posts.text(reply.path("root"), "uri"));
        }
        for (JsonNode facet : record.path("facets")) {
            for (JsonNode feature : facet.path("features")) {
                String type = Posts.text(feature, "$type");
                if ("app.bsky.richtext.facet#link".equals(type) && Posts.text(feature, "uri") != null) m.links.add(Posts.text(feature, "uri"));
                if ("app.bsky.richtext.facet#tag".equals(type) && Posts.text(feature, "tag") != null) m.hashtags.add(Posts.text(feature, "tag"));
            }
        }
        JsonNode external = record.path("embed").path("external");
        if (external.isObject() && Posts.text(external, "uri") != null) m.links.add(Posts.text(external, "uri"));
        return new Event(timeUs, Ingested.mention(Posts.finish(m, e)));
    }

    private static String prefixed(String atUri) {
        return atUri == null ? null : NETWORK + ":" + atUri;
    }
}
