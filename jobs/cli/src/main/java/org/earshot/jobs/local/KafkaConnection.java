package org.earshot.jobs.local;

import org.earshot.jobs.settings.KafkaKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka a local command talks to: the configured cluster when {@code kafka.bootstrap-servers}
 * is set; otherwise the embedded broker another Earshot process already runs on this data
 * directory; otherwise a new embedded broker, owned (and stopped) by this connection. The embedded
 * broker asks every client for the password in {@code DATA/secrets/kafka.password}.
 */
public final class KafkaConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnection.class);
    /** The embedded broker's SASL password, in {@code DATA/secrets/}. */
    static final String PASSWORD_SECRET = "kafka.password";
    /** The embedded broker's client settings for Kafka's own tools ({@code --command-config}). */
    public static final String CLIENT_PROPERTIES = "kafka-client.properties";

    private final KafkaSettings settings;
    private final EmbeddedKafka embedded;
    private final DataDirectory data;
    private final String description;

    private KafkaConnection(KafkaSettings settings, EmbeddedKafka embedded, DataDirectory data, String description) {
        this.settings = settings;
        this.embedded = embedded;
        this.data = data;
        this.description = description;
    }

    /** Connects (or starts a broker) and makes sure Earshot's topics exist. */
    public static KafkaConnection open(EarshotConfig config, DataDirectory data) {
        KafkaConnection connection = connect(config, data);
        TopicAdmin.ensureTopics(connection.settings, config.get(KafkaKeys.TOPIC_PARTITIONS), Topics.all());
        if (connection.embedded != null) {
            int published = RuleStore.publishPending(data, connection.settings);
            if (published > 0) LOG.info("published {} rule changes made while Kafka was stopped", published);
        }
        return connection;
    }

    private static KafkaConnection connect(EarshotConfig config, DataDirectory data) {
        Optional<KafkaSettings> external = config.kafka();
        if (external.isPresent()) {
            return new KafkaConnection(external.get(), null, null, "Kafka at " + external.get().bootstrapServers());
        }
        Optional<KafkaSettings> running = runningBroker(data);
        if (running.isPresent()) {
            return new KafkaConnection(running.get(), null, null,
                    "the embedded Kafka at " + running.get().bootstrapServers() + " (started by another earshot process)");
        }
        int port = config.get(KafkaKeys.EMBEDDED_PORT);
        if (port != 0 && !isFree(port)) {
            LOG.warn("port {} is taken; the embedded Kafka takes a free port instead", port);
            port = 0;
        }
        try {
            Files.deleteIfExists(data.kafkaAddressFile()); // a stopped broker's: others wait for this one's
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", data.kafkaAddressFile(), e.getMessage());
        }
        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(data.kafka(), port, data.secrets().get(PASSWORD_SECRET));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the embedded Kafka in " + data.kafka() + ": " + rootMessage(e), e);
        }
        try {
            Files.writeString(data.kafkaAddressFile(), kafka.bootstrapServers(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", data.kafkaAddressFile(), e.getMessage());
        }
        KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), kafka.clientProperties());
        data.secrets().write(CLIENT_PROPERTIES, clientProperties(settings));
        return new KafkaConnection(settings, kafka, data, "the embedded Kafka at " + kafka.bootstrapServers());
    }

    public KafkaSettings settings() {
        return settings;
    }

    /** A phrase for people: which Kafka this is. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (embedded == null) return;
        try {
            Files.deleteIfExists(data.kafkaAddressFile());
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", data.kafkaAddressFile(), e.getMessage());
        }
        embedded.close();
    }

    private static Optional<KafkaSettings> runningBroker(DataDirectory data) {
        if (!Files.isRegularFile(data.kafkaAddressFile())) return Optional.empty();
        Optional<String> password = data.secrets().existing(PASSWORD_SECRET);
        if (password.isEmpty()) return Optional.empty();
        try {
            String address = Files.readString(data.kafkaAddressFile(), StandardCharsets.UTF_8).strip();
            KafkaSettings settings = new KafkaSettings(address, EmbeddedKafka.clientProperties(password.get()));
            Properties props = settings.toProperties();
            props.setProperty("request.timeout.ms", "2000");
            props.setProperty("default.api.timeout.ms", "3000");
            try (Admin admin = Admin.create(props)) {
                admin.describeCluster().clusterId().get(3, TimeUnit.SECONDS);
                return Optional.of(settings);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String clientProperties(KafkaSettings settings) {
        StringBuilder out = new StringBuilder("# The embedded broker, for Kafka's own tools: --command-config / --consumer.config this file.\n");
        settings.toProperties().forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
