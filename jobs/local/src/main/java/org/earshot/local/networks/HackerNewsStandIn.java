package org.earshot.local.networks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.List;
import org.earshot.local.networks.Timelines.Post;
import org.earshot.schemas.Mention;

/** The Hacker News item API: {@code /v0/maxitem.json} and {@code /v0/item/ID.json} ({@code null} for an item it lacks). */
final class HackerNewsStandIn {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Timelines timelines;

    HackerNewsStandIn(Timelines timelines) {
        this.timelines = timelines;
    }

    void register(HttpServer http) {
        http.createContext("/v0/", this::api);
    }

    private void api(HttpExchange e) throws IOException {
        String path = e.getRequestURI().getPath();
        List<Post> list = timelines.of(StandIn.HACKERNEWS);
        if (path.equals("/v0/maxitem.json")) {
            Exchanges.send(e, 200, "application/json", Long.toString(timelines.base() + list.size()));
            return;
        }
        if (path.startsWith("/v0/item/") && path.endsWith(".json")) {
            long id = Long.parseLong(path.substring("/v0/item/".length(), path.length() - 5));
            if (id <= timelines.base() || id > timelines.base() + list.size()) {
                Exchanges.send(e, 200, "application/json", "null");
                return;
            }
            Post p = list.get((int) (id - timelines.base() - 1));
            Mention m = p.mention();
            ObjectNode item = JSON.createObjectNode().put("id", id).put("type", "story").put("by", Timelines.handle(m))
                    .put("time", p.timeUs() / 1_000_000).put("title", Timelines.title(m)).put("text", Exchanges.escape(m.text))
                    .put("score", m.engagement == null ? 0 : m.engagement.likes).put("descendants", 0);
            if (m.url != null) item.put("url", m.url);
            Exchanges.send(e, 200, "application/json", item.toString());
            return;
        }
        Exchanges.send(e, 404, "text/plain", "not found");
    }
}
