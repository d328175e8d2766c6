package org.earshot.local.networks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.earshot.schemas.Author;
import org.earshot.schemas.Mention;

/**
 * A Bluesky PDS as its XRPC documentation describes it, for one account: {@code com.atproto.server.createSession} and
 * {@code refreshSession} (an expired access token answers 400 {@code ExpiredToken}); {@code com.atproto.repo.getRecord}
 * (400 {@code RecordNotFound}), {@code createRecord} (a record key must be a TID and new: one it holds answers 500, as
 * the real PDS does), {@code uploadBlob}; and {@code com.atproto.identity.resolveHandle}. A post made is published on
 * the stand-in's Jetstream with its own DID and record key, so Earshot reads its own reply back.
 */
public final class BlueskyPds {
    static final String DID = "did:plc:earshotdemo0000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TID = Pattern.compile("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}");
    private static final Pattern GRAPHEME = Pattern.compile("\\X");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A post made through the API: its record key and record. */
    public record Created(String rkey, JsonNode record) {}

    private final Timelines timelines;
    private final Faults faults = new Faults();
    /** Records of this PDS's account by rkey; posts of other authors are read from the timelines. */
    private final Map<String, ObjectNode> records = new ConcurrentHashMap<>();
    private final List<Created> created = new CopyOnWriteArrayList<>();
    /** Jetstream's view of the posts made here: seq to the record key and record. */
    private final Map<Long, Created> bySeq = new ConcurrentHashMap<>();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicInteger createRequests = new AtomicInteger();
    private final AtomicInteger sessionsMade = new AtomicInteger();
    private final AtomicInteger ownFound = new AtomicInteger();
    private volatile String handle;
    private volatile String password;

    BlueskyPds(Timelines timelines) {
        this.timelines = timelines;
    }

    void register(HttpServer http) {
        http.createContext("/xrpc/com.atproto.server.createSession", this::createSession);
        http.createContext("/xrpc/com.atproto.server.refreshSession", this::refreshSession);
        http.createContext("/xrpc/com.atproto.repo.getRecord", this::getRecord);
        http.createContext("/xrpc/com.atproto.repo.createRecord", this::createRecord);
        http.createContext("/xrpc/com.atproto.repo.uploadBlob", this::uploadBlob);
        http.createContext("/xrpc/com.atproto.identity.resolveHandle", this::resolveHandle);
    }

    void account(String handle, String password) {
        this.handle = handle;
        this.password = password;
    }

    Faults faults() {
        return faults;
    }

    List<Created> created() {
        return created;
    }

    int createRequests() {
        return createRequests.get();
    }

    /** Lookups that found a post of this account: a client making sure before (or after) it creates one. */
    int ownFound() {
        return ownFound.get();
    }

    int sessionsMade() {
        return sessionsMade.get();
    }

    /** Every access token given so far expires now (refresh tokens still work). */
    void expireAccessTokens() {
        accessTokens.replaceAll((t, until) -> Instant.EPOCH);
    }

    /** Every token, access and refresh, expires now: only a new session helps. */
    void expireSessions() {
        expireAccessTokens();
        refreshTokens.replaceAll((t, ok) -> false);
    }

    Created madeAt(long seq) {
        return bySeq.get(seq);
    }

    private void createSession(HttpExchange e) throws IOException {
        JsonNode body = JSON.readTree(e.getRequestBody().readAllBytes());
        String id = body.path("identifier").asText("");
        if (handle == null || !(handle.equals(id) || DID.equals(id)) || !body.path("password").asText("").equals(password)) {
            error(e, 401, "AuthenticationRequired", "Invalid identifier or password");
            return;
        }
        sessionsMade.incrementAndGet();
        session(e);
    }

    private void refreshSession(HttpExchange e) throws IOException {
        String token = bearer(e);
        if (token == null || !Boolean.TRUE.equals(refreshTokens.get(token))) {
            error(e, 400, "ExpiredToken", "Token has expired");
            return;
        }
        refreshTokens.put(token, false);
        session(e);
    }

    private void session(HttpExchange e) throws IOException {
        String access = "acc-" + HexFormat.of().formatHex(RANDOM.generateSeed(12));
        String refresh = "ref-" + HexFormat.of().formatHex(RANDOM.generateSeed(12));
        accessTokens.put(access, Instant.now().plusSeconds(7200));
        refreshTokens.put(refresh, true);
        ObjectNode s = JSON.createObjectNode().put("accessJwt", access).put("refreshJwt", refresh).put("handle", handle).put("did", DID).put("active", true);
        Exchanges.send(e, 200, "application/json", s.toString());
    }

    /** False (and answered) unless the request carries a live access token. */
    private boolean authorized(HttpExchange e) throws IOException {
        String token = bearer(e);
        Instant until = token == null ? null : accessTokens.get(token);
        if (until == null) {
            error(e, 401, "AuthenticationRequired", "Authentication Required");
            return false;
        }
        if (until.isBefore(Instant.now())) {
            error(e, 400, "ExpiredToken", "Token has expired");
            return false;
        }
        return true;
    }

    private static String bearer(HttpExchange e) {
        String auth = e.getRequestHeaders().getFirst("Authorization");
        return auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
    }

    private void getRecord(HttpExchange e) throws IOException {
        Map<String, String> q = Exchanges.query(e.getRequestURI());
        String repo = q.getOrDefault("repo", "");
        String rkey = q.getOrDefault("rkey", "");
        ObjectNode value = DID.equals(repo) ? records.get(rkey) : authorPost(repo, rkey);
        if (value != null && DID.equals(repo)) ownFound.incrementAndGet();
        if (value == null) {
            error(e, 400, "RecordNotFound", "Could not locate record: at://" + repo + "/app.bsky.feed.post/" + rkey);
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("uri", "at://" + repo + "/app.bsky.feed.post/" + rkey).put("cid", cid(value));
        body.set("value", value);
        Exchanges.send(e, 200, "application/json", body.toString());
    }

    /** A post of the stand-in's generated authors, as its Jetstream event named it. */
    private ObjectNode authorPost(String did, String rkey) {
        for (Timelines.Post p : timelines.of(StandIn.BLUESKY)) {
            if (BlueskyStandIn.did(p.mention()).equals(did) && BlueskyStandIn.rkey(p.seq()).equals(rkey)) {
                return JSON.createObjectNode().put("$type", "app.bsky.feed.post").put("text", p.mention().text)
                        .put("createdAt", Instant.ofEpochMilli(p.timeUs() / 1000).toString());
            }
        }
        return null;
    }

    private void createRecord(HttpExchange e) throws IOException {
        createRequests.incrementAndGet();
        if (!authorized(e) || faults.answer(e)) return;
        JsonNode body = JSON.readTree(e.getRequestBody().readAllBytes());
        String rkey = body.path("rkey").asText(null);
        if (!DID.equals(body.path("repo").asText()) && !handle.equals(body.path("repo").asText())) {
            error(e, 400, "InvalidRequest", "Input/repo must be the authenticated account");
            return;
        }
        if (!"app.bsky.feed.post".equals(body.path("collection").asText())) {
            error(e, 400, "InvalidRequest", "this stand-in keeps posts only");
            return;
        }
        if (rkey != null && !TID.matcher(rkey).matches()) {
            error(e, 400, "InvalidRequest", "Invalid record key: a post's key is a TID");
            return;
        }
        ObjectNode record = (ObjectNode) body.path("record");
        String text = record.path("text").asText("");
        if (GRAPHEME.matcher(text).results().count() > 300) {
            error(e, 400, "InvalidRequest", "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes");
            return;
        }
        if (rkey == null) rkey = Long.toString(System.nanoTime(), 32);
        if (records.putIfAbsent(rkey, record) != null) {
            error(e, 500, "InternalServerError", "Internal Server Error"); // what the real PDS answers a key it holds
            return;
        }
        created.add(new Created(rkey, record));
        Mention m = new Mention();
        m.network = "bluesky";
        m.text = text;
        m.publishedAt = Instant.now();
        m.author = new Author(handle, "Earshot", "https://bsky.app/profile/" + handle, 0L);
        long seq = timelines.add(StandIn.BLUESKY, m);
        bySeq.put(seq, new Created(rkey, record));
        if (faults.loseAnswer(e)) return;
        ObjectNode answer = JSON.createObjectNode().put("uri", "at://" + DID + "/app.bsky.feed.post/" + rkey).put("cid", cid(record));
        answer.putObject("commit").put("cid", "bafyreicommit" + rkey).put("rev", rkey);
        answer.put("validationStatus", "valid");
        Exchanges.send(e, 200, "application/json", answer.toString());
    }

    private void uploadBlob(HttpExchange e) throws IOException {
        if (!authorized(e) || faults.answer(e)) return;
        byte[] bytes = e.getRequestBody().readAllBytes();
        String type = e.getRequestHeaders().getFirst("Content-Type");
        if (bytes.length > 1_000_000) {
            error(e, 400, "BlobTooLarge", "This file is too large. It is " + bytes.length + " bytes but the maximum size is 1000000 bytes.");
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode blob = body.putObject("blob").put("$type", "blob");
        blob.putObject("ref").put("$link", "bafkrei" + Integer.toHexString(java.util.Arrays.hashCode(bytes)));
        blob.put("mimeType", type).put("size", bytes.length);
        Exchanges.send(e, 200, "application/json", body.toString());
    }

    private void resolveHandle(HttpExchange e) throws IOException {
        String h = Exchanges.query(e.getRequestURI()).getOrDefault("handle", "");
        if (h.equals(handle)) {
            Exchanges.send(e, 200, "application/json", "{\"did\":\"" + DID + "\"}");
            return;
        }
        for (Timelines.Post p : timelines.of(StandIn.BLUESKY)) {
            if ((Timelines.handle(p.mention()) + ".bsky.social").equals(h)) {
                Exchanges.send(e, 200, "application/json", "{\"did\":\"" + BlueskyStandIn.did(p.mention()) + "\"}");
                return;
            }
        }
        error(e, 400, "InvalidRequest", "Unable to resolve handle");
    }

    private static String cid(JsonNode value) {
        return "bafyrei" + Integer.toHexString(value.toString().hashCode());
    }

    private static void error(HttpExchange e, int status, String error, String message) throws IOException {
        Exchanges.send(e, status, "application/json", JSON.createObjectNode().put("error", error).put("message", message).toString());
    }
}
