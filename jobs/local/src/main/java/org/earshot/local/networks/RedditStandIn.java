package org.earshot.local.networks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.earshot.local.networks.Timelines.Post;
import org.earshot.schemas.Mention;

/** Reddit's listings of a subreddit's new posts and of a search, newest first, with {@code after} and {@code before} paging. */
final class RedditStandIn {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Timelines timelines;

    RedditStandIn(Timelines timelines) {
        this.timelines = timelines;
    }

    void register(HttpServer http) {
        http.createContext("/r/", this::listing);
        http.createContext("/search.json", this::listing);
    }

    private void listing(HttpExchange e) throws IOException {
        Map<String, String> q = Exchanges.query(e.getRequestURI());
        int limit = Math.min(100, Integer.parseInt(q.getOrDefault("limit", "25")));
        List<Post> list = timelines.of(StandIn.REDDIT);
        // Like Reddit: newest first; before=X lists the posts right after X, after=X those right before it.
        String before = q.get("before");
        String after = q.get("after");
        int from;
        int to;
        if (before != null) {
            from = timelines.after(list, Long.parseLong(before.substring(3), 36));
            to = Math.min(list.size(), from + limit);
        } else {
            to = after == null ? list.size() : timelines.after(list, Long.parseLong(after.substring(3), 36)) - 1;
            to = Math.max(0, to);
            from = Math.max(0, to - limit);
        }
        ObjectNode listing = JSON.createObjectNode().put("kind", "Listing");
        ObjectNode data = listing.putObject("data");
        ArrayNode children = data.putArray("children");
        for (int i = to - 1; i >= from; i--) children.add(post(list.get(i)));
        data.putNull("before");
        if (from > 0) data.put("after", "t3_" + Long.toString(list.get(from).seq(), 36));
        else data.putNull("after");
        Exchanges.send(e, 200, "application/json; charset=utf-8", listing.toString());
    }

    private static ObjectNode post(Post p) {
        Mention m = p.mention();
        String id = Long.toString(p.seq(), 36);
        String sub = LocalNetworks.SUBREDDIT;
        ObjectNode child = JSON.createObjectNode().put("kind", "t3");
        child.putObject("data")
                .put("name", "t3_" + id).put("id", id).put("subreddit", sub)
                .put("title", Timelines.title(m)).put("selftext", m.text).put("author", Timelines.handle(m))
                .put("permalink", "/r/" + sub + "/comments/" + id + "/post/")
                .put("url", "https://www.reddit.com/r/" + sub + "/comments/" + id + "/post/")
                .put("is_self", true).put("created_utc", p.timeUs() / 1_000_000.0)
                .put("score", m.engagement == null ? 0 : m.engagement.likes)
                .put("num_comments", m.engagement == null ? 0 : m.engagement.replies)
                .put("num_crossposts", 0);
        return child;
    }
}
