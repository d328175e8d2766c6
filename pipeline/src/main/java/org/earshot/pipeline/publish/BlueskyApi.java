package org.earshot.pipeline.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.Fetched;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.schemas.Json;
import org.earshot.schemas.Publication;

/**
 * Bluesky through the account's PDS (XRPC): a session from {@code com.atproto.server.createSession}, refreshed with
 * {@code refreshSession} when the access token expires (and made anew when the refresh token has too); each post an
 * {@code app.bsky.feed.post} record made by {@code com.atproto.repo.createRecord} under a record key derived from the
 * publication id ({@link RecordKeys}). Before creating it, the record key is looked up: a post made by an attempt whose
 * answer was lost (a timeout, a restart) is found and reported, never made twice. Replies carry root and parent refs,
 * links, mentions (handles resolved to DIDs) and hashtags become facets over UTF-8 byte ranges, and images go up
 * through {@code uploadBlob}.
 */
final class BlueskyApi implements Network {
    static final String POST = "app.bsky.feed.post";

    private final Account account;
    private final String password;
    private final PoliteHttp http;
    private final URI server;
    private String accessJwt;
    private String refreshJwt;
    private String did;
    private String handle;

    BlueskyApi(Account account, String password, PoliteHttp http) {
        this.account = account;
        this.password = password;
        this.http = http;
        this.server = account.serverBase();
    }

    @Override
    public Limits limits() {
        return Limits.BLUESKY;
    }

    @Override
    public Sent publish(Publication p, List<MediaFile> media) throws PublishFailure, InterruptedException {
        signIn();
        String rkey = RecordKeys.of(p);
        JsonNode existing = record(did, rkey);
        if (existing != null) return sent(existing.path("uri").asText());
        ObjectNode record = Json.mapper().createObjectNode().put("$type", POST).put("text", p.text == null ? "" : p.text)
                .put("createdAt", Instant.now().toString());
        ArrayNode facets = facets(p.text == null ? "" : p.text);
        if (!facets.isEmpty()) record.set("facets", facets);
        if (p.inReplyTo != null) record.set("reply", replyRefs(p.inReplyTo));
        if (!media.isEmpty()) {
            ObjectNode embed = record.putObject("embed").put("$type", "app.bsky.embed.images");
            ArrayNode images = embed.putArray("images");
            for (MediaFile m : media) images.addObject().put("alt", m.alt()).set("image", upload(m));
        }
        ObjectNode create = Json.mapper().createObjectNode().put("repo", did).put("collection", POST).put("rkey", rkey);
        create.set("record", record);
        try {
            return sent(xrpc("com.atproto.repo.createRecord", "application/json", Json.toBytes(create)).path("uri").asText());
        } catch (PublishFailure f) {
            // The PDS answers a record key it already holds with an error (a 500 on many versions): look before retrying.
            JsonNode made = record(did, rkey);
            if (made != null) return sent(made.path("uri").asText());
            throw f;
        }
    }

    private Sent sent(String atUri) {
        String rkey = atUri.substring(atUri.lastIndexOf('/') + 1);
        return new Sent(atUri, "https://bsky.app/profile/" + (handle != null ? handle : did) + "/post/" + rkey);
    }

    /** Reply refs: the parent is the mention; the root is the parent's own root, or the parent when it starts the thread. */
    private ObjectNode replyRefs(String mentionId) throws PublishFailure, InterruptedException {
        String uri = mentionId.startsWith("bluesky:") ? mentionId.substring("bluesky:".length()) : mentionId;
        String[] parts = uri.startsWith("at://") ? uri.substring(5).split("/") : new String[0];
        if (parts.length != 3 || !POST.equals(parts[1])) {
            throw PublishFailure.refused("mention " + mentionId + " is not a Bluesky post; " + account.name + " posts to Bluesky");
        }
        JsonNode parent = record(parts[0], parts[2]);
        if (parent == null) throw PublishFailure.refused("mention " + mentionId + " does not exist on Bluesky (deleted?)");
        ObjectNode parentRef = Json.mapper().createObjectNode().put("uri", parent.path("uri").asText()).put("cid", parent.path("cid").asText());
        JsonNode root = parent.path("value").path("reply").path("root");
        ObjectNode reply = Json.mapper().createObjectNode();
        reply.set("root", root.isObject() ? root.deepCopy() : parentRef.deepCopy());
        reply.set("parent", parentRef);
        return reply;
    }

    /** Facets for links, mentions whose handle resolves, and hashtags. */
    private ArrayNode facets(String text) throws PublishFailure, InterruptedException {
        ArrayNode out = Json.mapper().createArrayNode();
        for (PostText.Facet f : PostText.facets(text)) {
            ObjectNode feature = Json.mapper().createObjectNode();
            switch (f.kind()) {
                case LINK -> feature.put("$type", "app.bsky.richtext.facet#link").put("uri", f.value());
                case TAG -> feature.put("$type", "app.bsky.richtext.facet#tag").put("tag", f.value());
                case MENTION -> {
                    String mentioned = resolveHandle(f.value());
                    if (mentioned == null) continue; // an unknown handle stays plain text, as in Bluesky's own app
                    feature.put("$type", "app.bsky.richtext.facet#mention").put("did", mentioned);
                }
            }
            ObjectNode facet = out.addObject();
            facet.putObject("index").put("byteStart", f.byteStart()).put("byteEnd", f.byteEnd());
            facet.putArray("features").add(feature);
        }
        return out;
    }

    private String resolveHandle(String h) throws PublishFailure, InterruptedException {
        try {
            return xrpcGet("com.atproto.identity.resolveHandle?handle=" + URLEncoder.encode(h, StandardCharsets.UTF_8)).path("did").asText(null);
        } catch (PublishFailure f) {
            if (f.retryable) throw f;
            return null;
        }
    }

    private JsonNode upload(MediaFile m) throws PublishFailure, InterruptedException {
        JsonNode blob = xrpc("com.atproto.repo.uploadBlob", m.type(), m.bytes()).path("blob");
        if (!blob.isObject()) throw PublishFailure.retry("Bluesky answered an upload without a blob", null);
        return blob;
    }

    /** The record {@code rkey} of {@code repo}'s posts ({@code uri}, {@code cid}, {@code value}), or null when there is none. */
    private JsonNode record(String repo, String rkey) throws PublishFailure, InterruptedException {
        try {
            return xrpcGet("com.atproto.repo.getRecord?repo=" + URLEncoder.encode(repo, StandardCharsets.UTF_8) + "&collection=" + POST
                    + "&rkey=" + URLEncoder.encode(rkey, StandardCharsets.UTF_8));
        } catch (PublishFailure f) {
            if (f.getMessage().contains("RecordNotFound") || f.getMessage().contains("HTTP 404")) return null;
            throw f;
        }
    }

    /** Signs in once; later calls refresh the session when it expires. */
    private void signIn() throws PublishFailure, InterruptedException {
        if (accessJwt != null) return;
        ObjectNode body = Json.mapper().createObjectNode().put("identifier", account.identifier).put("password", password);
        JsonNode session = send("com.atproto.server.createSession", null, "application/json", Json.toBytes(body));
        accessJwt = session.path("accessJwt").asText(null);
        refreshJwt = session.path("refreshJwt").asText(null);
        did = session.path("did").asText(null);
        handle = session.path("handle").asText(null);
        if (accessJwt == null || did == null) throw PublishFailure.retry("Bluesky's createSession answered without a token or DID", null);
    }

    private JsonNode xrpcGet(String methodAndQuery) throws PublishFailure, InterruptedException {
        return xrpc(methodAndQuery, null, null);
    }

    /** One authorized call; an expired access token is refreshed (or the session made anew) and the call made once more. */
    private JsonNode xrpc(String method, String type, byte[] body) throws PublishFailure, InterruptedException {
        signIn();
        try {
            return send(method, accessJwt, type, body);
        } catch (Expired e) {
            renew();
            try {
                return send(method, accessJwt, type, body);
            } catch (Expired again) {
                throw PublishFailure.refused(again.getMessage() + ", and again with a new session");
            }
        }
    }

    private void renew() throws PublishFailure, InterruptedException {
        try {
            JsonNode session = send("com.atproto.server.refreshSession", refreshJwt, "application/json", new byte[0]);
            accessJwt = session.path("accessJwt").asText(null);
            refreshJwt = session.path("refreshJwt").asText(refreshJwt);
        } catch (Expired | PublishFailure refreshFailed) {
            accessJwt = null;
            signIn();
        }
    }

    /** An access token the PDS no longer takes ({@code ExpiredToken}, or 401). */
    private static final class Expired extends RuntimeException {
        Expired(String message) {
            super(message, null, false, false);
        }
    }

    private JsonNode send(String method, String token, String type, byte[] body) throws PublishFailure, InterruptedException {
        Map<String, String> headers = token == null ? Map.of("Accept", "application/json") : Map.of("Accept", "application/json", "Authorization", "Bearer " + token);
        Fetched response;
        try {
            response = http.call(server.resolve("xrpc/" + method), headers, type, body);
        } catch (FetchException e) {
            throw PublishFailure.of(e);
        }
        JsonNode json = PublishFailure.body(response);
        if (response.status() >= 200 && response.status() < 300) return json;
        String error = json.path("error").asText("");
        String what = error + (json.hasNonNull("message") ? " (" + json.path("message").asText() + ")" : "");
        if (token != null && ("ExpiredToken".equals(error) || ("InvalidToken".equals(error) && response.status() == 400) || response.status() == 401)
                && !method.equals("com.atproto.server.refreshSession")) {
            throw new Expired("Bluesky session expired: " + what);
        }
        throw PublishFailure.ofStatus("Bluesky (" + server.getHost() + ")", response.status(), what, resetAt(response));
    }

    /** When Bluesky's rate limit resets: {@code ratelimit-reset} (epoch seconds), else Retry-After. */
    static Instant resetAt(Fetched response) {
        String reset = response.header("ratelimit-reset");
        if (reset != null) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(reset.strip()));
            } catch (NumberFormatException notSeconds) {
                // fall back to Retry-After
            }
        }
        return PublishFailure.after(Fetched.retryAfter(response.header("retry-after")));
    }
}
