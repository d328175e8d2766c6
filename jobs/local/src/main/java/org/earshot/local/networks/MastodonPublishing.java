package org.earshot.local.networks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.earshot.schemas.Author;
import org.earshot.schemas.Mention;

/**
 * Mastodon's side for publishing, as its API documentation describes it: {@code GET /api/v2/instance} (the configured
 * limits), {@code POST /api/v1/statuses} behind a bearer token, where an {@code Idempotency-Key} seen before answers
 * with the status it made then; {@code in_reply_to_id} must name a status here (else 404), the text must fit the
 * limit (else 422); {@code POST /api/v2/media} with a description; {@code GET /api/v2/search} with resolve. A status
 * made is published on the stand-in's timelines, so Earshot reads its own reply back.
 */
public final class MastodonPublishing {
    static final int MAX_CHARACTERS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DESCRIPTION = Pattern.compile("name=\"description\"\\r\\n\\r\\n([^\\r]*)\\r\\n");

    /** A status posted through the API: its id, the key it was asked with, what it says and answers. */
    public record Posted(String id, String idempotencyKey, String text, String inReplyTo, List<String> mediaIds) {}

    private final Timelines timelines;
    private final Faults faults = new Faults();
    private final Map<String, ObjectNode> byKey = new ConcurrentHashMap<>();
    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final Map<String, String> descriptions = new ConcurrentHashMap<>();
    private final AtomicInteger statusRequests = new AtomicInteger();
    private final AtomicInteger repeats = new AtomicInteger();
    private final AtomicLong mediaIds = new AtomicLong(1000);
    private volatile String token;
    private volatile String base;

    MastodonPublishing(Timelines timelines) {
        this.timelines = timelines;
    }

    void register(HttpServer http, String base) {
        this.base = base;
        http.createContext("/api/v2/instance", this::instance);
        http.createContext("/api/v1/statuses", this::statuses);
        http.createContext("/api/v2/media", this::media);
        http.createContext("/api/v2/search", this::search);
    }

    void token(String t) {
        token = t;
    }

    Faults faults() {
        return faults;
    }

    List<Posted> posted() {
        return posted;
    }

    int repeats() {
        return repeats.get();
    }

    int statusRequests() {
        return statusRequests.get();
    }

    private void instance(HttpExchange e) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("domain", "mastodon.local").put("title", "Earshot's stand-in");
        ObjectNode config = body.putObject("configuration");
        config.putObject("statuses").put("max_characters", MAX_CHARACTERS).put("max_media_attachments", 4).put("characters_reserved_per_url", 23);
        ObjectNode media = config.putObject("media_attachments").put("image_size_limit", 16 * 1024 * 1024);
        media.putArray("supported_mime_types").add("image/jpeg").add("image/png").add("image/gif").add("image/webp").add("video/mp4");
        Exchanges.send(e, 200, "application/json", body.toString());
    }

    private boolean authorized(HttpExchange e) throws IOException {
        String auth = e.getRequestHeaders().getFirst("Authorization");
        if (token != null && ("Bearer " + token).equals(auth)) return true;
        e.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"The access token is invalid\"");
        Exchanges.send(e, 401, "application/json", "{\"error\":\"The access token is invalid\"}");
        return false;
    }

    private void statuses(HttpExchange e) throws IOException {
        if (!"POST".equals(e.getRequestMethod())) {
            status(e);
            return;
        }
        statusRequests.incrementAndGet();
        if (!authorized(e) || faults.answer(e)) return;
        JsonNode request = JSON.readTree(e.getRequestBody().readAllBytes());
        String key = e.getRequestHeaders().getFirst("Idempotency-Key");
        ObjectNode made = key == null ? null : byKey.get(key);
        if (made != null) repeats.incrementAndGet();
        if (made == null) {
            String text = request.path("status").asText("");
            if (text.codePointCount(0, text.length()) > MAX_CHARACTERS) { // URLs as written: the client counts tighter
                Exchanges.send(e, 422, "application/json", "{\"error\":\"Validation failed: Text character limit of " + MAX_CHARACTERS + " exceeded\"}");
                return;
            }
            String replyTo = request.hasNonNull("in_reply_to_id") ? request.path("in_reply_to_id").asText() : null;
            if (replyTo != null && find(replyTo) == null) {
                Exchanges.send(e, 404, "application/json", "{\"error\":\"Record not found\"}");
                return;
            }
            List<String> media = new java.util.ArrayList<>();
            request.path("media_ids").forEach(id -> media.add(id.asText()));
            Mention m = new Mention();
            m.network = "mastodon";
            m.text = text;
            m.lang = "en";
            m.publishedAt = Instant.now();
            m.author = new Author("earshot", "Earshot", "https://mastodon.local/@earshot", 0L);
            m.parentId = replyTo;
            long seq = timelines.add(StandIn.MASTODON, m);
            made = MastodonStandIn.status(new Timelines.Post(seq, m, m.publishedAt.toEpochMilli() * 1000));
            if (key != null) byKey.put(key, made);
            posted.add(new Posted(Long.toString(seq), key, text, replyTo, media));
        }
        if (faults.loseAnswer(e)) return;
        Exchanges.send(e, 200, "application/json", made.toString());
    }

    /** {@code GET /api/v1/statuses/:id}, public. */
    private void status(HttpExchange e) throws IOException {
        String path = e.getRequestURI().getPath();
        Timelines.Post p = find(path.substring(path.lastIndexOf('/') + 1));
        if (p == null) Exchanges.send(e, 404, "application/json", "{\"error\":\"Record not found\"}");
        else Exchanges.send(e, 200, "application/json", MastodonStandIn.status(p).toString());
    }

    private Timelines.Post find(String id) {
        long seq;
        try {
            seq = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return null;
        }
        for (Timelines.Post p : timelines.of(StandIn.MASTODON)) if (p.seq() == seq) return p;
        return null;
    }

    private void media(HttpExchange e) throws IOException {
        if (!authorized(e) || faults.answer(e)) return;
        String body = new String(e.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!body.contains("name=\"file\"")) {
            Exchanges.send(e, 422, "application/json", "{\"error\":\"Validation failed: File can't be blank\"}");
            return;
        }
        Matcher d = DESCRIPTION.matcher(body);
        String id = Long.toString(mediaIds.incrementAndGet());
        String description = d.find() ? new String(d.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8) : null;
        if (description != null) descriptions.put(id, description);
        ObjectNode media = JSON.createObjectNode().put("id", id).put("type", "image").put("url", base + "/media/" + id).put("description", description);
        Exchanges.send(e, 200, "application/json", media.toString());
    }

    String description(String mediaId) {
        return descriptions.get(mediaId);
    }

    /** Search with {@code resolve=true}: a status of this stand-in by its URI or URL. */
    private void search(HttpExchange e) throws IOException {
        if (!authorized(e)) return;
        String q = Exchanges.query(e.getRequestURI()).getOrDefault("q", "");
        ObjectNode body = JSON.createObjectNode();
        body.putArray("accounts");
        body.putArray("hashtags");
        var statuses = body.putArray("statuses");
        for (Timelines.Post p : timelines.of(StandIn.MASTODON)) {
            ObjectNode s = MastodonStandIn.status(p);
            if (q.equals(s.path("uri").asText()) || q.equals(s.path("url").asText())) statuses.add(s);
        }
        Exchanges.send(e, 200, "application/json", body.toString());
    }
}
