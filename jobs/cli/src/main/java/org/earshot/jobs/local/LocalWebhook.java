package org.earshot.jobs.local;

import org.earshot.jobs.settings.IngestKeys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.webhook.KafkaMentionWriter;
import org.earshot.jobs.webhook.WebhookServer;
import org.earshot.pipeline.kafka.KafkaSettings;

/**
 * The webhook source run beside a local job: {@code POST /v1/mentions} into {@code
 * earshot.mentions}. Settings: {@code ingest.webhook.port} (switches it on), {@code
 * ingest.webhook.host} (default 127.0.0.1), {@code ingest.webhook.token} (or
 * {@code EARSHOT_INGEST_WEBHOOK_TOKEN}). The demo makes up a token when none is set and keeps it
 * in {@code DATA/secrets/webhook.token}, readable by its owner only; the token itself is never printed.
 */
public final class LocalWebhook implements AutoCloseable {
    static final String TOKEN_SECRET = "webhook.token";

    private final KafkaMentionWriter writer;
    private final WebhookServer server;
    private final String description;

    private LocalWebhook(KafkaMentionWriter writer, WebhookServer server, String description) {
        this.writer = writer;
        this.server = server;
        this.description = description;
    }

    /** Starts the webhook when {@code ingest.webhook.port} is set (or always, for the demo). */
    public static Optional<LocalWebhook> start(EarshotConfig config, KafkaSettings kafka, DataDirectory data, boolean demo) throws IOException {
        if (!config.isSet(IngestKeys.WEBHOOK_PORT) && !demo) return Optional.empty();
        String host = config.get(IngestKeys.WEBHOOK_HOST);
        int port = config.find(IngestKeys.WEBHOOK_PORT).orElse(0);
        String token = config.find(IngestKeys.WEBHOOK_TOKEN).orElse(null);
        String tokenNote = "token from " + IngestKeys.WEBHOOK_TOKEN.key();
        if (token == null) {
            if (!demo) {
                throw new IllegalArgumentException("set " + IngestKeys.WEBHOOK_TOKEN.key() + " (or " + IngestKeys.WEBHOOK_TOKEN.environmentVariable()
                        + ") to use the webhook");
            }
            token = data.secrets().get(TOKEN_SECRET);
            tokenNote = "token in " + data.secrets().file(TOKEN_SECRET);
        }
        KafkaMentionWriter writer = new KafkaMentionWriter(kafka);
        try {
            WebhookServer server = new WebhookServer(new InetSocketAddress(host, port), token, writer);
            String url = "http://" + host + ":" + server.port() + WebhookServer.PATH;
            return Optional.of(new LocalWebhook(writer, server, url + " (" + tokenNote + ")"));
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /** Where it listens and where its token comes from. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        server.close();
        writer.close();
    }
}
