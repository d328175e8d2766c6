package org.earshot.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.earshot.schemas.Json;

/** Requests to a running dashboards server over real HTTP, as a script or the browser sends them. */
final class ApiClient {
    record Answer(int status, String text, HttpHeaders headers) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text, e);
            }
        }
    }

    /** A file answered: its status, bytes and headers. */
    record File(int status, byte[] body, HttpHeaders headers) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ApiClient(String base) {
        this.base = base;
    }

    Answer get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    File file(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (token != null) b.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new File(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer post(String path, String token, Object body) {
        return send("POST", path, token, body, Map.of());
    }

    Answer put(String path, String token, Object body) {
        return send("PUT", path, token, body, Map.of());
    }

    Answer delete(String path, String token) {
        return send("DELETE", path, token, null, Map.of());
    }

    /** {@code body}: a String sent as it is, or an object sent as JSON. */
    Answer send(String method, String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) b.header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        String text = body == null ? null : body instanceof String s ? s : Json.toString(body);
        if (text != null) b.header("Content-Type", "application/json");
        b.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
