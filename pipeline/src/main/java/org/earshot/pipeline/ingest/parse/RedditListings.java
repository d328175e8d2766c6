package org.earshot.pipeline.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.schemas.Engagement;
import org.earshot.schemas.Mention;

/**
 * Reddit API listings to Mentions: posts ({@code t3}) and comments ({@code t1}), from a subreddit
 * or search listing, or a post page (an array of two listings: the post, then its comment tree,
 * walked with its replies). Ids are Reddit fullnames ({@code reddit:t3_agi5zf}).
 */
public final class RedditListings {
    public static final String NETWORK = "reddit";
    private static final String SITE = "https://www.reddit.com";

    private RedditListings() {}

    /** A listing's items and its {@code before}/{@code after} paging anchors. */
    public record Page(List<Positioned> items, String before, String after, String newestFullname) {
        public List<Ingested> records() {
            return items.stream().map(Positioned::record).toList();
        }
    }

    public static Page parse(URI from, byte[] body, Instant fetchedAt) throws FetchException {
        JsonNode root = Posts.json(from, body);
        List<Positioned> out = new ArrayList<>();
        String newest = null;
        if (root.isArray()) {
            for (JsonNode listing : root) walk(listing, fetchedAt, out);
        } else if ("Listing".equals(Posts.text(root, "kind"))) {
            walk(root, fetchedAt, out);
            JsonNode first = root.path("data").path("children").path(0).path("data");
            newest = Posts.text(first, "name");
        } else {
            throw FetchException.malformed(from, "expected a Reddit Listing", null);
        }
        JsonNode data = root.isArray() ? root.path(0).path("data") : root.path("data");
        return new Page(out, Posts.text(data, "before"), Posts.text(data, "after"), newest);
    }

    private static void walk(JsonNode listing, Instant fetchedAt, List<Positioned> out) {
        for (JsonNode child : listing.path("data").path("children")) {
            String kind = Posts.text(child, "kind");
            JsonNode data = child.path("data");
            if ("t3".equals(kind) || "t1".equals(kind)) out.add(new Positioned(Posts.text(data, "name"), item(kind, data, child, fetchedAt)));
            JsonNode replies = data.path("replies");
            if (replies.isObject()) walk(replies, fetchedAt, out);
        }
    }

    private static Ingested item(String kind, JsonNode d, JsonNode raw, Instant fetchedAt) {
        String name = Posts.text(d, "name");
        if (name == null) return Ingested.problem(NETWORK, "Reddit " + kind + " without 'name'", raw.toString());
        Mention m = Posts.start(NETWORK, name, fetchedAt);
        String permalink = Posts.text(d, "permalink");
        m.url = permalink == null ? null : SITE + permalink;
        m.publishedAt = Posts.epochSeconds(d, "created_utc");
        String author = Posts.text(d, "author");
        m.author = Posts.author(author, null, author == null ? null : SITE + "/user/" + author, null);
        if (kind.equals("t3")) {
            m.title = Posts.text(d, "title");
            m.text = Posts.text(d, "selftext");
            String link = Posts.text(d, "url");
            if (link != null && !Boolean.TRUE.equals(d.path("is_self").asBoolean(false))) m.links.add(link);
            m.threadId = NETWORK + ":" + name;
            m.engagement = new Engagement(Posts.number(d, "score"), Posts.number(d, "num_crossposts"), Posts.number(d, "num_comments"));
        } else {
            m.text = Posts.text(d, "body");
            String thread = Posts.text(d, "link_id");
            String parent = Posts.text(d, "parent_id");
            m.threadId = thread == null ? null : NETWORK + ":" + thread;
            m.parentId = parent == null ? null : NETWORK + ":" + parent;
            m.engagement = new Engagement(Posts.number(d, "score"), 0, 0);
        }
        return Ingested.mention(Posts.finish(m, raw));
    }
}
