package org.earshot.pipeline.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.schemas.Author;
import org.earshot.schemas.Engagement;
import org.earshot.schemas.Mention;

/**
 * Hacker News API items to Mentions: stories, comments, jobs and polls. Poll options, deleted and
 * dead items say nothing of their own and yield nothing (null); an item id that does not exist
 * answers JSON {@code null}, also nothing.
 */
public final class HackerNewsItems {
    public static final String NETWORK = "hackernews";
    private static final String SITE = "https://news.ycombinator.com/";

    private HackerNewsItems() {}

    public static Ingested parse(URI from, byte[] body, Instant fetchedAt) throws FetchException {
        JsonNode item = Posts.json(from, body);
        if (item.isNull()) return null;
        if (!item.isObject()) throw FetchException.malformed(from, "expected an item object", null);
        return item(item, fetchedAt);
    }

    static Ingested item(JsonNode item, Instant fetchedAt) {
        String type = Posts.text(item, "type");
        if (item.path("deleted").asBoolean(false) || item.path("dead").asBoolean(false) || "pollopt".equals(type)) return null;
        String id = Posts.text(item, "id");
        if (id == null) return Ingested.problem(NETWORK, "item without 'id'", item.toString());
        Mention m = Posts.start(NETWORK, id, fetchedAt);
        m.url = SITE + "item?id=" + id;
        m.title = Posts.text(item, "title");
        m.text = Posts.text(item, "text");
        m.publishedAt = Posts.epochSeconds(item, "time");
        String by = Posts.text(item, "by");
        m.author = by == null ? null : new Author(by, null, SITE + "user?id=" + by, null);
        String link = Posts.text(item, "url");
        if (link != null) m.links.add(link);
        String parent = Posts.text(item, "parent");
        if (parent != null) m.parentId = NETWORK + ":" + parent;
        if (!"comment".equals(type)) m.threadId = m.id;
        m.engagement = new Engagement(Posts.number(item, "score"), 0, Posts.number(item, "descendants"));
        return Ingested.mention(Posts.finish(m, item));
    }
}
