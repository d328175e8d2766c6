package org.earshot.pipeline.ingest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.earshot.pipeline.ingest.MentionParser;
import org.earshot.pipeline.ingest.ParseResult;
import org.earshot.schemas.Mention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook source: {@code POST /v1/mentions} takes one JSON Mention or an array of them from
 * any collector, authenticated with a bearer token. A request is taken whole or not at all: one
 * bad mention answers 400 naming its position and the problem; a good request answers 202 once
 * Kafka has acknowledged every mention (so a collector that saw 202 can forget them; one that saw
 * anything else retries, and the Listen job drops the repeats by id).
 */
public final class WebhookServer implements AutoCloseable {
    public static final String PATH = "/v1/mentions";
    public static final int MAX_BODY_BYTES = 5 << 20;
    public static final int MAX_MENTIONS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where accepted mentions go; returns once they are durably written. */
    public interface Writer {
        void write(List<Mention> mentions) throws Exception;
    }

    private final HttpServer server;
    private final byte[] token;
    private final Writer writer;

    public WebhookServer(InetSocketAddress address, String token, Writer writer) throws IOException {
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("the webhook needs a token of at least 16 characters (setting ingest.webhook.token)");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.writer = writer;
        server = HttpServer.create(address, 64);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "webhook");
            t.setDaemon(true);
            return t;
        }));
        server.createContext(PATH, this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange e) throws IOException {
        try (e) {
            if (!"POST".equals(e.getRequestMethod())) {
                e.getResponseHeaders().set("Allow", "POST");
                answer(e, 405, "use POST with a JSON Mention or an array of them");
                return;
            }
            if (!authorized(e.getRequestHeaders().getFirst("Authorization"))) {
                e.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                answer(e, 401, "missing or wrong bearer token");
                return;
            }
            byte[] body = readLimited(e.getRequestBody());
            if (body == null) {
                answer(e, 413, "body larger than " + MAX_BODY_BYTES + " bytes");
                return;
            }
            List<Mention> mentions = new ArrayList<>();
            String problem = parse(body, mentions);
            if (problem != null) {
                answer(e, 400, problem);
                return;
            }
            try {
                writer.write(mentions);
            } catch (Exception failure) {
                LOG.warn("webhook: could not write {} mention(s): {}", mentions.size(), failure.getMessage());
                answer(e, 503, "could not store the mentions now; retry later");
                return;
            }
            ObjectNode ok = JSON.createObjectNode().put("accepted", mentions.size());
            send(e, 202, ok);
        }
    }

    /** Fills {@code out} and returns null, or returns the first problem. */
    static String parse(byte[] body, List<Mention> out) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException ex) {
            return "invalid JSON: " + String.valueOf(ex.getMessage()).lines().findFirst().orElse("");
        }
        if (root == null || root.isMissingNode()) return "empty body: expected a JSON Mention or an array of them";
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) root.forEach(items::add);
        else items.add(root);
        if (items.isEmpty()) return "empty array: nothing to accept";
        if (items.size() > MAX_MENTIONS) return items.size() + " mentions in one request, more than " + MAX_MENTIONS;
        long now = Instant.now().toEpochMilli();
        for (int i = 0; i < items.size(); i++) {
            ParseResult result = MentionParser.parse(items.get(i).toString().getBytes(StandardCharsets.UTF_8), now);
            if (result instanceof ParseResult.Refused r) {
                return (root.isArray() ? "mention [" + i + "]: " : "") + r.reason();
            }
            Mention m = ((ParseResult.Parsed) result).mention();
            if (m.fetchedAt == null) m.fetchedAt = Instant.ofEpochMilli(now);
            out.add(m);
        }
        return null;
    }

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Bearer ")) return false;
        // Constant time, so the token cannot be guessed byte by byte from response times.
        return MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }

    private static void answer(HttpExchange e, int status, String error) throws IOException {
        send(e, status, JSON.createObjectNode().put("error", error));
    }

    private static void send(HttpExchange e, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        e.getResponseHeaders().set("Content-Type", "application/json");
        e.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
