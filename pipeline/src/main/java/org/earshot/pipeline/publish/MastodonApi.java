package org.earshot.pipeline.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.Fetched;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.schemas.Json;
import org.earshot.schemas.Publication;

/**
 * Mastodon's REST API: {@code POST /api/v1/statuses} with the publication id as its {@code Idempotency-Key} (the
 * server answers a repeat within an hour with the status it already made), {@code in_reply_to_id} and visibility;
 * images first through {@code POST /api/v2/media} with their descriptions. The instance's own limits come from
 * {@code GET /api/v2/instance}.
 */
final class MastodonApi implements Network {
    private final Account account;
    private final String token;
    private final PoliteHttp http;
    private final URI server;
    private Limits limits;

    MastodonApi(Account account, String token, PoliteHttp http) {
        this.account = account;
        this.token = token;
        this.http = http;
        this.server = account.serverBase();
    }

    @Override
    public Limits limits() throws InterruptedException {
        if (limits == null) limits = askLimits();
        return limits;
    }

    /** The instance's configured limits; Mastodon's defaults when it does not answer (the post itself will say). */
    private Limits askLimits() throws InterruptedException {
        int maxChars = 500;
        int urlChars = 23;
        int maxMedia = 4;
        long maxImage = 16L << 20;
        Set<String> types = Limits.IMAGES;
        try {
            JsonNode config = Json.mapper().readTree(http.get(server.resolve("api/v2/instance"), Map.of()).body()).path("configuration");
            maxChars = config.path("statuses").path("max_characters").asInt(maxChars);
            urlChars = config.path("statuses").path("characters_reserved_per_url").asInt(urlChars);
            maxMedia = config.path("statuses").path("max_media_attachments").asInt(maxMedia);
            maxImage = config.path("media_attachments").path("image_size_limit").asLong(maxImage);
            if (config.path("media_attachments").path("supported_mime_types").isArray()) {
                Set<String> supported = new HashSet<>();
                config.path("media_attachments").path("supported_mime_types").forEach(t -> supported.add(t.asText()));
                supported.retainAll(Limits.IMAGES); // Earshot attaches images
                types = Set.copyOf(supported);
            }
        } catch (IOException unknown) {
            // Defaults: the status request itself reports what the instance refuses.
        }
        return Limits.mastodon(maxChars, urlChars, maxMedia, maxImage, types);
    }

    @Override
    public Sent publish(Publication p, List<MediaFile> media) throws PublishFailure, InterruptedException {
        ObjectNode status = Json.mapper().createObjectNode().put("status", p.text == null ? "" : p.text);
        if (p.inReplyTo != null) status.put("in_reply_to_id", localId(p.inReplyTo));
        String visibility = p.visibility != null ? p.visibility : account.visibility;
        if (visibility != null) status.put("visibility", visibility);
        for (MediaFile m : media) status.withArray("media_ids").add(upload(m));
        JsonNode made = call("api/v1/statuses", Map.of("Idempotency-Key", p.id), "application/json", Json.toBytes(status));
        String id = made.path("id").asText(null);
        if (id == null) throw PublishFailure.retry("Mastodon answered without a status id", null);
        return new Sent(id, made.path("url").asText(made.path("uri").asText(null)));
    }

    /**
     * The status a mention names, as this instance numbers it: the id itself when the mention was read here; else the
     * status is looked up where it was read and then found on this instance by its URI ({@code resolve=true}).
     */
    private String localId(String mentionId) throws PublishFailure, InterruptedException {
        if (!mentionId.startsWith("mastodon:") || mentionId.indexOf('/') < 0) {
            throw PublishFailure.refused("mention " + mentionId + " is not a Mastodon status; " + account.name + " posts to Mastodon");
        }
        String where = mentionId.substring("mastodon:".length(), mentionId.lastIndexOf('/'));
        String id = mentionId.substring(mentionId.lastIndexOf('/') + 1);
        if (where.equalsIgnoreCase(server.getRawAuthority())) return id;
        String uri;
        try {
            URI origin = URI.create(server.getScheme() + "://" + where + "/api/v1/statuses/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
            uri = Json.mapper().readTree(http.get(origin, Map.of()).body()).path("uri").asText(null);
        } catch (FetchException e) {
            throw e.status() == 404 ? PublishFailure.refused("mention " + mentionId + " no longer exists on " + where) : PublishFailure.of(e);
        } catch (IOException e) {
            throw PublishFailure.retry("cannot read status " + id + " from " + where + ": " + e.getMessage(), null);
        }
        if (uri == null) throw PublishFailure.refused("status " + id + " on " + where + " has no URI to find it by");
        JsonNode found = call("api/v2/search?type=statuses&resolve=true&limit=1&q=" + URLEncoder.encode(uri, StandardCharsets.UTF_8), Map.of(), null, null);
        JsonNode first = found.path("statuses").path(0);
        if (first.isMissingNode()) throw PublishFailure.refused(account.server + " cannot find mention " + mentionId + " (" + uri + ")");
        return first.path("id").asText();
    }

    /** Uploads one image with its description; its media id. */
    private String upload(MediaFile m) throws PublishFailure, InterruptedException {
        String boundary = "earshot-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "description", null, null, m.alt().getBytes(StandardCharsets.UTF_8));
        part(body, boundary, "file", "image" + extension(m.type()), m.type(), m.bytes());
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode media = call("api/v2/media", Map.of(), "multipart/form-data; boundary=" + boundary, body.toByteArray());
        String id = media.path("id").asText(null);
        if (id == null) throw PublishFailure.retry("Mastodon answered a media upload without an id", null);
        return id;
    }

    private static void part(ByteArrayOutputStream out, String boundary, String name, String filename, String type, byte[] content) {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name).append('"');
        if (filename != null) head.append("; filename=\"").append(filename).append('"');
        head.append("\r\n");
        if (type != null) head.append("Content-Type: ").append(type).append("\r\n");
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private static String extension(String type) {
        return "." + type.substring(type.indexOf('/') + 1);
    }

    /** One authorized request (a POST when there is a body); the JSON answer, or a failure saying what Mastodon said. */
    private JsonNode call(String path, Map<String, String> headers, String type, byte[] body) throws PublishFailure, InterruptedException {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + token);
        all.put("Accept", "application/json");
        Fetched response;
        try {
            response = http.call(server.resolve(path), all, type, body);
        } catch (FetchException e) {
            throw PublishFailure.of(e);
        }
        JsonNode json = PublishFailure.body(response);
        if (response.status() >= 200 && response.status() < 300) return json;
        throw PublishFailure.ofStatus("Mastodon (" + server.getHost() + ")", response.status(), json.path("error").asText(null), resetAt(response));
    }

    /** When the rate limit resets: Mastodon's {@code X-RateLimit-Reset} (an ISO time), else Retry-After. */
    static Instant resetAt(Fetched response) {
        String reset = response.header("x-ratelimit-reset");
        if (reset != null) {
            try {
                return java.time.OffsetDateTime.parse(reset).toInstant();
            } catch (DateTimeParseException notIso) {
                // fall back to Retry-After
            }
        }
        return PublishFailure.after(Fetched.retryAfter(response.header("retry-after")));
    }
}
