package org.earshot.jobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.earshot.pipeline.alerts.WebhookSignature;
import org.earshot.pipeline.kafka.CompactedTopic;
import org.earshot.schemas.Json;
import org.earshot.schemas.Subscription;

/**
 * The demo's alerts: a webhook receiver on 127.0.0.1 that checks each signature and writes one line per notification
 * to its log, and two subscriptions that send there: a volume spike and a sentiment shift on Aurora, which the
 * generator's first outage burst (about 23 s in) sets off, and which complete once it has passed. The subscriptions
 * are put at every start (the receiver's port is new each time); an analyst's own are never touched.
 */
public final class DemoAlerts implements AutoCloseable {
    public static final String LOG = "alerts-webhook.log";

    private final HttpServer server;
    private final BufferedWriter log;
    private final Path logFile;
    private final String secret;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();

    private DemoAlerts(HttpServer server, BufferedWriter log, Path logFile, String secret) {
        this.server = server;
        this.log = log;
        this.logFile = logFile;
        this.secret = secret;
    }

    /** Starts the receiver, logging to {@code logs/}{@value #LOG}, and subscribes the demo's alerts to it. */
    public static DemoAlerts start(CompactedTopic<Subscription> subscriptions, Path logs, String secret) throws IOException {
        Files.createDirectories(logs);
        Path file = logs.resolve(LOG);
        BufferedWriter log = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "demo-alert-receiver");
            t.setDaemon(true);
            return t;
        }));
        DemoAlerts alerts = new DemoAlerts(server, log, file, secret);
        server.createContext("/alerts", alerts::receive);
        server.start();
        for (Subscription s : subscriptions(alerts.url(), secret)) subscriptions.put(s.id, s);
        return alerts;
    }

    static List<Subscription> subscriptions(String url, String secret) {
        Subscription spike = subscription("demo-aurora-spike", "Aurora", url, secret, "volume-spike"); // titled "Aurora: volume spike"
        spike.condition.window = Duration.ofSeconds(5);
        spike.condition.sensitivity = "fewer";
        spike.condition.minVolume = 250; // the usual 5 s hold about 80 Aurora mentions; the burst's, 500 more
        spike.condition.cooldown = Duration.ofMinutes(1);
        Subscription shift = subscription("demo-aurora-sentiment", "Aurora", url, secret, "sentiment-shift");
        shift.condition.window = Duration.ofSeconds(10);
        shift.condition.count = 100;
        shift.condition.negativeShare = 60.0;
        return List.of(spike, shift);
    }

    /**
     * Also subscribes every match of rule {@code ruleId} (as an analyst watching a brand does): a notification at the
     * first match, then one a minute with the mentions gathered.
     */
    public void subscribeEveryMatch(CompactedTopic<Subscription> subscriptions, String ruleId) {
        Subscription s = subscription("demo-" + ruleId + "-every-match", ruleId, url(), secret, "every-match");
        s.rules = List.of(ruleId);
        subscriptions.put(s.id, s);
    }

    private static Subscription subscription(String id, String name, String url, String secret, String type) {
        Subscription s = new Subscription();
        s.id = id;
        s.name = name;
        s.owner = "earshot demo";
        s.rules = List.of("aurora");
        s.condition = new Subscription.Condition(type);
        Subscription.Channel hook = new Subscription.Channel("webhook", url);
        hook.secret = secret;
        hook.allowPrivate = true;
        s.channels = List.of(hook);
        s.updatedAt = Instant.now();
        return s;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    public Path logFile() {
        return logFile;
    }

    /** Notifications received so far, and how many of them failed the signature check. */
    public long received() {
        return received.get();
    }

    public long badSignatures() {
        return badSignatures.get();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            boolean signed = WebhookSignature.verify(secret, id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body);
            received.incrementAndGet();
            if (!signed) badSignatures.incrementAndGet();
            String line;
            try {
                JsonNode event = Json.mapper().readTree(body);
                JsonNode data = event.path("data");
                line = String.format("%s  %s  %s  %s  %s: %s", Instant.now(), signed ? "signature ok" : "SIGNATURE BAD", id,
                        event.path("type").asText(), data.path("title").asText(), data.path("summary").asText());
            } catch (IOException e) {
                line = Instant.now() + "  not JSON: " + e.getMessage();
            }
            synchronized (log) {
                log.write(line);
                log.newLine();
                log.flush();
            }
            exchange.sendResponseHeaders(signed ? 204 : 401, -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        try {
            log.close();
        } catch (IOException e) {
            // closing: nothing more to write
        }
    }
}
