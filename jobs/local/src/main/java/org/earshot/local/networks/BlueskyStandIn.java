package org.earshot.local.networks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.earshot.local.networks.Timelines.Post;
import org.earshot.schemas.Mention;

/**
 * Bluesky as Earshot reads it: a Jetstream WebSocket of post events ({@code cursor} in microseconds, the backlog
 * first, then live), which names authors by DID only, and the AppView's {@code app.bsky.actor.getProfiles} that
 * gives each DID its handle, name and followers.
 */
final class BlueskyStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Timelines timelines;
    private final WebSocketServer jetstream;
    private final Map<String, Mention> authors = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final BlueskyPds pds;

    BlueskyStandIn(Timelines timelines, BlueskyPds pds) throws IOException {
        this.timelines = timelines;
        this.pds = pds;
        this.jetstream = new WebSocketServer(0, this::stream);
    }

    void register(HttpServer http) {
        http.createContext("/xrpc/app.bsky.actor.getProfiles", this::profiles);
    }

    int port() {
        return jetstream.port();
    }

    int sessions() {
        return sessions.get();
    }

    private void stream(URI request, WebSocketServer.Sender sender) throws IOException, InterruptedException {
        sessions.incrementAndGet();
        long cursor = Long.parseLong(Exchanges.query(request).getOrDefault("cursor", "-1"));
        List<Post> list = timelines.of(StandIn.BLUESKY);
        int next = 0;
        if (cursor < 0) next = list.size();
        while (next < list.size() && list.get(next).timeUs() < cursor) next++;
        long idleSince = System.nanoTime();
        // Live, like the real stream: backlog first, then new posts as they come, until the client leaves.
        while (System.nanoTime() - idleSince < 60_000_000_000L) {
            if (next < list.size()) {
                sender.send(event(list.get(next++)));
                idleSince = System.nanoTime();
            } else {
                Thread.sleep(50);
            }
        }
    }

    /** The AppView's {@code getProfiles}: the handle, name and followers of each author's DID. */
    private void profiles(HttpExchange e) throws IOException {
        ArrayNode profiles = JSON.createArrayNode();
        String raw = e.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            if (!pair.startsWith("actors=")) continue;
            Mention m = authors.get(URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8));
            if (m == null) continue;
            profiles.addObject().put("did", did(m)).put("handle", Timelines.handle(m) + ".bsky.social")
                    .put("displayName", m.author == null || m.author.name == null ? Timelines.handle(m) : m.author.name)
                    .put("followersCount", m.author == null || m.author.followers == null ? 0 : m.author.followers);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("profiles", profiles);
        Exchanges.send(e, 200, "application/json", body.toString());
    }

    static String did(Mention m) {
        return "did:plc:" + Integer.toHexString(Timelines.handle(m).hashCode());
    }

    /** The record key of the generated post numbered {@code seq}. */
    static String rkey(long seq) {
        return "3l" + Long.toString(seq, 36);
    }

    private String event(Post p) {
        Mention m = p.mention();
        BlueskyPds.Created made = pds.madeAt(p.seq()); // a post made through the PDS: its own DID, key and record
        String did = made != null ? BlueskyPds.DID : did(m);
        authors.put(did, m);
        ObjectNode e = JSON.createObjectNode().put("did", did).put("time_us", p.timeUs()).put("kind", "commit");
        ObjectNode commit = e.putObject("commit").put("rev", Long.toString(p.seq(), 36)).put("operation", "create")
                .put("collection", "app.bsky.feed.post").put("rkey", made != null ? made.rkey() : rkey(p.seq()));
        ObjectNode record;
        if (made != null) {
            record = commit.putObject("record");
            record.setAll((ObjectNode) made.record());
        } else {
            record = commit.putObject("record").put("$type", "app.bsky.feed.post")
                    .put("createdAt", Instant.ofEpochMilli(p.timeUs() / 1000).toString()).put("text", m.text);
            if (m.lang != null) record.putArray("langs").add(m.lang);
        }
        commit.put("cid", "bafy" + Long.toString(p.seq(), 36));
        return e.toString();
    }

    @Override
    public void close() throws IOException {
        jetstream.close();
    }
}
