package org.earshot.local.networks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.earshot.local.networks.Timelines.Post;
import org.earshot.schemas.Mention;

/**
 * Mastodon's hashtag and public timelines ({@code min_id} paging, newest first) and its streaming API
 * (server-sent {@code update} and {@code delete} events, behind a bearer token).
 */
final class MastodonStandIn {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Timelines timelines;
    private final List<Long> deletions = new CopyOnWriteArrayList<>();
    private volatile String streamingToken;

    MastodonStandIn(Timelines timelines) {
        this.timelines = timelines;
    }

    void register(HttpServer http) {
        http.createContext("/api/v1/timelines/", this::timeline);
        http.createContext("/api/v1/streaming/", this::stream);
    }

    void streamingToken(String token) {
        streamingToken = token;
    }

    void delete(long seq) {
        deletions.add(seq);
    }

    private void timeline(HttpExchange e) throws IOException {
        Map<String, String> q = Exchanges.query(e.getRequestURI());
        int limit = Math.min(40, Integer.parseInt(q.getOrDefault("limit", "20")));
        List<Post> list = timelines.of(StandIn.MASTODON);
        long minId = q.containsKey("min_id") ? Long.parseLong(q.get("min_id")) : -1;
        // min_id: the statuses right after it; none: the newest. Either way listed newest first.
        int from = minId < 0 ? Math.max(0, list.size() - limit) : timelines.after(list, minId);
        int to = Math.min(list.size(), from + limit);
        ArrayNode page = JSON.createArrayNode();
        for (int i = to - 1; i >= from; i--) page.add(status(list.get(i)));
        Exchanges.send(e, 200, "application/json; charset=utf-8", page.toString());
    }

    /** Server-sent events: {@code update} for each status added after connecting, {@code delete} for each deletion. */
    private void stream(HttpExchange e) throws IOException {
        String auth = e.getRequestHeaders().getFirst("Authorization");
        if (streamingToken == null || !("Bearer " + streamingToken).equals(auth)) {
            Exchanges.send(e, 401, "application/json", "{\"error\":\"The access token is invalid\"}");
            return;
        }
        List<Post> list = timelines.of(StandIn.MASTODON);
        int next = list.size();
        int nextDeletion = deletions.size();
        e.getResponseHeaders().set("Content-Type", "text/event-stream");
        e.sendResponseHeaders(200, 0);
        long until = System.nanoTime() + 60_000_000_000L;
        try (OutputStream out = e.getResponseBody()) {
            while (System.nanoTime() < until) {
                StringBuilder events = new StringBuilder(":thump\n");
                while (next < list.size()) events.append("event: update\ndata: ").append(status(list.get(next++))).append("\n\n");
                while (nextDeletion < deletions.size()) {
                    events.append("event: delete\ndata: ").append(deletions.get(nextDeletion++)).append("\n\n");
                }
                out.write(events.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException clientLeft) {
            // the client ended its session
        }
    }

    static ObjectNode status(Post p) {
        Mention m = p.mention();
        String handle = Timelines.handle(m);
        ObjectNode s = JSON.createObjectNode()
                .put("id", Long.toString(p.seq()))
                .put("uri", "https://mastodon.local/users/" + handle + "/statuses/" + p.seq())
                .put("url", Timelines.link("mastodon", p.seq()))
                .put("created_at", Instant.ofEpochMilli(p.timeUs() / 1000).toString())
                .put("content", "<p>" + Exchanges.escape(m.text) + "</p>")
                .put("spoiler_text", "")
                .put("language", m.lang)
                .put("visibility", "public")
                .put("replies_count", m.engagement == null ? 0 : m.engagement.replies)
                .put("reblogs_count", m.engagement == null ? 0 : m.engagement.reposts)
                .put("favourites_count", m.engagement == null ? 0 : m.engagement.likes);
        if (m.parentId != null) s.put("in_reply_to_id", m.parentId);
        else s.putNull("in_reply_to_id");
        s.putNull("reblog");
        ObjectNode account = s.putObject("account").put("id", Integer.toString(handle.hashCode() & 0x7fffffff))
                .put("acct", handle).put("username", handle).put("url", "https://mastodon.local/@" + handle)
                .put("display_name", m.author == null || m.author.name == null ? handle : m.author.name);
        account.put("followers_count", m.author == null || m.author.followers == null ? 0 : m.author.followers);
        s.putArray("tags").addObject().put("name", LocalNetworks.TAG);
        s.putArray("mentions");
        return s;
    }
}
