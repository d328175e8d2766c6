package org.earshot.local.networks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.earshot.schemas.Mention;

/**
 * Stand-ins for the networks on 127.0.0.1, speaking each one's real wire format about posts
 * added to them: an RSS 2.0 feed (with ETag and 304), Mastodon hashtag and public timelines
 * ({@code min_id} paging), Reddit listings ({@code after} and {@code before} paging), the Hacker News item API, and
 * a Jetstream WebSocket ({@code cursor} in microseconds). The demo feeds it generated posts so
 * every source path runs on a fresh machine; tests add posts and watch the sources resume.
 */
public final class LocalNetworks implements AutoCloseable {
    public static final String TAG = "earshot";
    public static final String SUBREDDIT = "earshot";
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FEED_ITEMS = 50;

    /** A post as one network holds it: its number there and when it was added. */
    record Post(long seq, Mention mention, long timeUs) {}

    private final Map<StandIn, List<Post>> posts = new EnumMap<>(StandIn.class);
    private final HttpServer http;
    private final WebSocketServer jetstream;
    private long lastTimeUs;
    private volatile String streamingToken;
    private final List<Long> mastodonDeletions = new CopyOnWriteArrayList<>();
    private final Map<String, Mention> blueskyAuthors = new ConcurrentHashMap<>();
    /**
     * Numbers start from this server's start time (seconds × 1000), so posts of a restarted demo
     * never reuse an earlier run's ids (the Listen job would drop them as duplicates).
     */
    private final long firstSeq = System.currentTimeMillis() / 1000 * 1000;
    private final AtomicInteger jetstreamSessions = new AtomicInteger();

    public LocalNetworks() throws IOException {
        for (StandIn n : StandIn.values()) posts.put(n, new CopyOnWriteArrayList<>());
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        http.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-networks");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/rss.xml", e -> rss(e));
        http.createContext("/api/v1/timelines/", e -> mastodon(e));
        http.createContext("/api/v1/streaming/", e -> mastodonStream(e));
        http.createContext("/r/", e -> reddit(e));
        http.createContext("/search.json", e -> reddit(e));
        http.createContext("/v0/", e -> hackerNews(e));
        http.createContext("/xrpc/app.bsky.actor.getProfiles", e -> blueskyProfiles(e));
        http.start();
        jetstream = new WebSocketServer(0, this::jetstream);
    }

    /** The base URL for a network's sources ({@code ws://…} for Jetstream). */
    public String baseUrl(String network) {
        return baseUrl(StandIn.of(network));
    }

    /** The base URL for a network's sources ({@code ws://…} for Jetstream). */
    public String baseUrl(StandIn network) {
        if (network == StandIn.BLUESKY) return "ws://127.0.0.1:" + jetstream.port();
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        return network == StandIn.RSS ? base + "/rss.xml" : base;
    }

    /** Where Bluesky profiles are looked up ({@code app.bsky.actor.getProfiles}). */
    public String profilesUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Publishes a post on a network; returns its number there. */
    public synchronized long add(String network, Mention m) {
        List<Post> list = posts.get(StandIn.of(network));
        lastTimeUs = Math.max(lastTimeUs + 1, m.publishedAt == null ? 0 : m.publishedAt.toEpochMilli() * 1000);
        long seq = firstSeq + list.size() + 1;
        list.add(new Post(seq, m, lastTimeUs));
        return seq;
    }

    /** How many Jetstream connections were opened (a fresh Bluesky source only sees posts after its first). */
    public int jetstreamSessions() {
        return jetstreamSessions.get();
    }

    /** The number of the first post on each network (posts are numbered from here up). */
    public long firstSeq() {
        return firstSeq + 1;
    }

    /** Requires this bearer token on the Mastodon streaming API (without one, streaming answers 401). */
    public void streamingToken(String token) {
        streamingToken = token;
    }

    /** Deletes Mastodon status {@code seq}: its streaming clients get a {@code delete} event. */
    public void deleteMastodon(long seq) {
        mastodonDeletions.add(seq);
    }

    public int count(String network) {
        return posts.get(StandIn.of(network)).size();
    }

    // --- RSS 2.0 -------------------------------------------------------------------------------

    private void rss(HttpExchange e) throws IOException {
        List<Post> list = posts.get(StandIn.RSS);
        String etag = "\"" + list.size() + "\"";
        if (etag.equals(e.getRequestHeaders().getFirst("If-None-Match"))) {
            e.getResponseHeaders().set("ETag", etag);
            e.sendResponseHeaders(304, -1);
            e.close();
            return;
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>")
                .append("<title>Earshot local feed</title><link>http://127.0.0.1/</link><description>Generated posts</description>");
        for (int i = list.size() - 1; i >= Math.max(0, list.size() - FEED_ITEMS); i--) {
            Post p = list.get(i);
            Mention m = p.mention();
            xml.append("<item><title>").append(escape(title(m))).append("</title>")
                    .append("<link>").append(escape(link("rss", p.seq()))).append("</link>")
                    .append("<guid isPermaLink=\"false\">local-rss-").append(p.seq()).append("</guid>")
                    .append("<pubDate>").append(RFC_1123.format(Instant.ofEpochMilli(p.timeUs() / 1000))).append("</pubDate>")
                    .append("<dc:creator>").append(escape(handle(m))).append("</dc:creator>")
                    .append("<description>").append(escape("<p>" + escape(m.text) + "</p>")).append("</description></item>");
        }
        xml.append("</channel></rss>");
        e.getResponseHeaders().set("ETag", etag);
        send(e, 200, "application/rss+xml; charset=utf-8", xml.toString());
    }

    // --- Mastodon ------------------------------------------------------------------------------

    private void mastodon(HttpExchange e) throws IOException {
        Map<String, String> q = query(e.getRequestURI());
        int limit = Math.min(40, Integer.parseInt(q.getOrDefault("limit", "20")));
        List<Post> list = posts.get(StandIn.MASTODON);
        long minId = q.containsKey("min_id") ? Long.parseLong(q.get("min_id")) : -1;
        // min_id: the statuses right after it; none: the newest. Either way listed newest first.
        int from = minId < 0 ? Math.max(0, list.size() - limit) : index(list, minId);
        int to = Math.min(list.size(), from + limit);
        ArrayNode page = JSON.createArrayNode();
        for (int i = to - 1; i >= from; i--) page.add(status(list.get(i)));
        send(e, 200, "application/json; charset=utf-8", page.toString());
    }

    /** Server-sent events: {@code update} for each status added after connecting, {@code delete} for each deletion. */
    private void mastodonStream(HttpExchange e) throws IOException {
        String auth = e.getRequestHeaders().getFirst("Authorization");
        if (streamingToken == null || !("Bearer " + streamingToken).equals(auth)) {
            send(e, 401, "application/json", "{\"error\":\"The access token is invalid\"}");
            return;
        }
        List<Post> list = posts.get(StandIn.MASTODON);
        int next = list.size();
        int nextDeletion = mastodonDeletions.size();
        e.getResponseHeaders().set("Content-Type", "text/event-stream");
        e.sendResponseHeaders(200, 0);
        long until = System.nanoTime() + 60_000_000_000L;
        try (OutputStream out = e.getResponseBody()) {
            while (System.nanoTime() < until) {
                StringBuilder events = new StringBuilder(":thump\n");
                while (next < list.size()) events.append("event: update\ndata: ").append(status(list.get(next++))).append("\n\n");
                while (nextDeletion < mastodonDeletions.size()) {
                    events.append("event: delete\ndata: ").append(mastodonDeletions.get(nextDeletion++)).append("\n\n");
                }
                out.write(events.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException clientLeft) {
            // the client ended its session
        }
    }

    private ObjectNode status(Post p) {
        Mention m = p.mention();
        String handle = handle(m);
        ObjectNode s = JSON.createObjectNode()
                .put("id", Long.toString(p.seq()))
                .put("uri", "https://mastodon.local/users/" + handle + "/statuses/" + p.seq())
                .put("url", link("mastodon", p.seq()))
                .put("created_at", Instant.ofEpochMilli(p.timeUs() / 1000).toString())
                .put("content", "<p>" + escape(m.text) + "</p>")
                .put("spoiler_text", "")
                .put("language", m.lang)
                .put("visibility", "public")
                .put("replies_count", m.engagement == null ? 0 : m.engagement.replies)
                .put("reblogs_count", m.engagement == null ? 0 : m.engagement.reposts)
                .put("favourites_count", m.engagement == null ? 0 : m.engagement.likes);
        s.putNull("in_reply_to_id");
        s.putNull("reblog");
        ObjectNode account = s.putObject("account").put("id", Integer.toString(handle.hashCode() & 0x7fffffff))
                .put("acct", handle).put("username", handle).put("url", "https://mastodon.local/@" + handle)
                .put("display_name", m.author == null || m.author.name == null ? handle : m.author.name);
        account.put("followers_count", m.author == null || m.author.followers == null ? 0 : m.author.followers);
        ArrayNode tags = s.putArray("tags");
        tags.addObject().put("name", TAG);
        s.putArray("mentions");
        return s;
    }

    // --- Reddit --------------------------------------------------------------------------------

    private void reddit(HttpExchange e) throws IOException {
        Map<String, String> q = query(e.getRequestURI());
        int limit = Math.min(100, Integer.parseInt(q.getOrDefault("limit", "25")));
        List<Post> list = posts.get(StandIn.REDDIT);
        // Like Reddit: newest first; before=X lists the posts right after X, after=X those right before it.
        String before = q.get("before");
        String after = q.get("after");
        int from;
        int to;
        if (before != null) {
            from = index(list, Long.parseLong(before.substring(3), 36));
            to = Math.min(list.size(), from + limit);
        } else {
            to = after == null ? list.size() : index(list, Long.parseLong(after.substring(3), 36)) - 1;
            to = Math.max(0, to);
            from = Math.max(0, to - limit);
        }
        ObjectNode listing = JSON.createObjectNode().put("kind", "Listing");
        ObjectNode data = listing.putObject("data");
        ArrayNode children = data.putArray("children");
        for (int i = to - 1; i >= from; i--) {
            Post p = list.get(i);
            Mention m = p.mention();
            String name = "t3_" + Long.toString(p.seq(), 36);
            ObjectNode d = children.addObject().put("kind", "t3").putObject("data")
                    .put("name", name).put("id", name.substring(3)).put("subreddit", SUBREDDIT)
                    .put("title", title(m)).put("selftext", m.text).put("author", handle(m))
                    .put("permalink", "/r/" + SUBREDDIT + "/comments/" + name.substring(3) + "/post/")
                    .put("url", "https://www.reddit.com/r/" + SUBREDDIT + "/comments/" + name.substring(3) + "/post/")
                    .put("is_self", true).put("created_utc", p.timeUs() / 1_000_000.0)
                    .put("score", m.engagement == null ? 0 : m.engagement.likes)
                    .put("num_comments", m.engagement == null ? 0 : m.engagement.replies);
            d.put("num_crossposts", 0);
        }
        data.putNull("before");
        if (from > 0) data.put("after", "t3_" + Long.toString(list.get(from).seq(), 36));
        else data.putNull("after");
        send(e, 200, "application/json; charset=utf-8", listing.toString());
    }

    // --- Hacker News ---------------------------------------------------------------------------

    private void hackerNews(HttpExchange e) throws IOException {
        String path = e.getRequestURI().getPath();
        List<Post> list = posts.get(StandIn.HACKERNEWS);
        if (path.equals("/v0/maxitem.json")) {
            send(e, 200, "application/json", Long.toString(firstSeq + list.size()));
            return;
        }
        if (path.startsWith("/v0/item/") && path.endsWith(".json")) {
            long id = Long.parseLong(path.substring("/v0/item/".length(), path.length() - 5));
            if (id <= firstSeq || id > firstSeq + list.size()) {
                send(e, 200, "application/json", "null");
                return;
            }
            Post p = list.get((int) (id - firstSeq - 1));
            Mention m = p.mention();
            ObjectNode item = JSON.createObjectNode().put("id", id).put("type", "story").put("by", handle(m))
                    .put("time", p.timeUs() / 1_000_000).put("title", title(m)).put("text", escape(m.text))
                    .put("score", m.engagement == null ? 0 : m.engagement.likes).put("descendants", 0);
            if (m.url != null) item.put("url", m.url);
            send(e, 200, "application/json", item.toString());
            return;
        }
        send(e, 404, "text/plain", "not found");
    }

    // --- Jetstream -----------------------------------------------------------------------------

    private void jetstream(URI request, WebSocketServer.Sender sender) throws IOException, InterruptedException {
        jetstreamSessions.incrementAndGet();
        long cursor = Long.parseLong(query(request).getOrDefault("cursor", "-1"));
        List<Post> list = posts.get(StandIn.BLUESKY);
        int next = 0;
        if (cursor < 0) next = list.size();
        while (next < list.size() && list.get(next).timeUs() < cursor) next++;
        long idleSince = System.nanoTime();
        // Live, like the real stream: backlog first, then new posts as they come, until the client leaves.
        while (System.nanoTime() - idleSince < 60_000_000_000L) {
            if (next < list.size()) {
                sender.send(jetstreamEvent(list.get(next++)));
                idleSince = System.nanoTime();
            } else {
                Thread.sleep(50);
            }
        }
    }

    /** The AppView's {@code getProfiles}: the handle, name and followers of each author's DID. */
    private void blueskyProfiles(HttpExchange e) throws IOException {
        ArrayNode profiles = JSON.createArrayNode();
        String raw = e.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            if (!pair.startsWith("actors=")) continue;
            Mention m = blueskyAuthors.get(URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8));
            if (m == null) continue;
            profiles.addObject().put("did", did(m)).put("handle", handle(m) + ".bsky.social")
                    .put("displayName", m.author == null || m.author.name == null ? handle(m) : m.author.name)
                    .put("followersCount", m.author == null || m.author.followers == null ? 0 : m.author.followers);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("profiles", profiles);
        send(e, 200, "application/json", body.toString());
    }

    private static String did(Mention m) {
        return "did:plc:" + Integer.toHexString(handle(m).hashCode());
    }

    private String jetstreamEvent(Post p) {
        Mention m = p.mention();
        String did = did(m);
        blueskyAuthors.put(did, m);
        ObjectNode e = JSON.createObjectNode().put("did", did).put("time_us", p.timeUs()).put("kind", "commit");
        ObjectNode commit = e.putObject("commit").put("rev", Long.toString(p.seq(), 36)).put("operation", "create")
                .put("collection", "app.bsky.feed.post").put("rkey", "3l" + Long.toString(p.seq(), 36));
        ObjectNode record = commit.putObject("record").put("$type", "app.bsky.feed.post")
                .put("createdAt", Instant.ofEpochMilli(p.timeUs() / 1000).toString()).put("text", m.text);
        if (m.lang != null) record.putArray("langs").add(m.lang);
        commit.put("cid", "bafy" + Long.toString(p.seq(), 36));
        return e.toString();
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The list position right after the post numbered {@code seq}: where "newer than seq" starts. */
    private int index(List<Post> list, long seq) {
        return (int) Math.max(0, Math.min(list.size(), seq - firstSeq));
    }

    private static String title(Mention m) {
        if (m.title != null) return m.title;
        String t = m.text == null ? "" : m.text;
        return t.length() <= 80 ? t : t.substring(0, 80);
    }

    private static String handle(Mention m) {
        return m.author != null && m.author.handle != null ? m.author.handle.replace("@", "") : "someone";
    }

    private static String link(String network, long seq) {
        return "https://" + network + ".local/posts/" + seq;
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static String escape(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void send(HttpExchange e, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().set("Content-Type", type);
        e.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        jetstream.close();
    }
}
