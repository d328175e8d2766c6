package org.earshot.jobs.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.earshot.pipeline.validate.MentionParser;
import org.earshot.pipeline.validate.ParseResult;
import org.earshot.schemas.Mention;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook source: {@code POST /v1/mentions} takes one JSON Mention or an array of them from
 * any collector, authenticated with a bearer token. A request is taken whole or not at all: one
 * bad mention answers 400 naming its position and the problem; a good request answers 202 once
 * Kafka has acknowledged every mention (so a collector that saw 202 can forget them; one that saw
 * anything else retries, and the Listen job drops the repeats by id).
 *
 * <p>Served by Jetty, which reads a request's headers without holding a thread and closes a
 * connection that sends nothing for {@link #IDLE_TIMEOUT}: a few clients that never finish a
 * request cannot keep the others out.
 */
public final class WebhookServer implements AutoCloseable {
    public static final String PATH = "/v1/mentions";
    public static final int MAX_BODY_BYTES = 5 << 20;
    public static final int MAX_MENTIONS = 1_000;
    /**
     * How much of an oversized body is read and thrown away before answering 413. Closing a
     * connection with unread bytes makes TCP reset it, and the reset can destroy the 413 before
     * the client reads it; past this bound the connection is closed anyway.
     */
    static final long MAX_DISCARDED_BYTES = 8L * MAX_BODY_BYTES;
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where accepted mentions go; returns once they are durably written. */
    public interface Writer {
        void write(List<Mention> mentions) throws Exception;
    }

    private final Server server;
    private final ServerConnector connector;
    private final byte[] token;
    private final Writer writer;

    public WebhookServer(InetSocketAddress address, String token, Writer writer) throws IOException {
        this(address, token, writer, IDLE_TIMEOUT);
    }

    public WebhookServer(InetSocketAddress address, String token, Writer writer, Duration idleTimeout) throws IOException {
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("the webhook needs a token of at least 16 characters (setting ingest.webhook.token)");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.writer = writer;
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("webhook");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                try {
                    WebhookServer.this.handle(request, response, callback);
                } catch (Throwable t) {
                    callback.failed(t);
                }
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IOException("cannot serve the webhook on " + address + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    private void handle(Request request, Response response, Callback callback) throws IOException {
        if (!Request.getPathInContext(request).equals(PATH)) {
            refuseUnread(response, callback, 404, "not found; mentions go to POST " + PATH);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            refuseUnread(response, callback, 405, "use POST with a JSON Mention or an array of them");
            return;
        }
        if (!authorized(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            refuseUnread(response, callback, 401, "missing or wrong bearer token");
            return;
        }
        if (request.getLength() > MAX_BODY_BYTES && request.getHeaders().contains(HttpHeader.EXPECT, "100-continue")) {
            // Not reading the body means no 100 Continue: the client never sends it.
            refuseUnread(response, callback, 413, "body larger than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        InputStream in = Request.asInputStream(request);
        byte[] body = readLimited(in);
        if (body == null) {
            discard(in, MAX_DISCARDED_BYTES);
            answer(response, callback, 413, "body larger than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        List<Mention> mentions = new ArrayList<>();
        String problem = parse(body, mentions);
        if (problem != null) {
            answer(response, callback, 400, problem);
            return;
        }
        try {
            writer.write(mentions);
        } catch (Exception failure) {
            LOG.warn("webhook: could not write {} mention(s): {}", mentions.size(), failure.getMessage());
            answer(response, callback, 503, "could not store the mentions now; retry later");
            return;
        }
        send(response, callback, 202, JSON.createObjectNode().put("accepted", mentions.size()));
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

    private static void discard(InputStream in, long atMost) throws IOException {
        byte[] sink = new byte[64 << 10];
        for (long left = atMost; left > 0; ) {
            int n = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (n < 0) return;
            left -= n;
        }
    }

    /**
     * Refuses a request whose body was not read, and closes its connection. Said in the response, so that the client
     * does not send its next request down a connection the server is about to close: the JDK's client did, and got
     * an empty answer (a test flake).
     */
    private static void refuseUnread(Response response, Callback callback, int status, String error) throws IOException {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        answer(response, callback, status, error);
    }

    private static void answer(Response response, Callback callback, int status, String error) throws IOException {
        send(response, callback, status, JSON.createObjectNode().put("error", error));
    }

    private static void send(Response response, Callback callback, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("webhook: stopping the server failed: {}", e.getMessage());
        }
    }
}
