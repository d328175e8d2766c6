package org.earshot.pipeline.kafka;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where Kafka is and how to talk to it. {@code clientProperties} pass through untouched to every
 * client (security settings for an external cluster, for instance); they are the edge where
 * Kafka's own configuration keys enter.
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientProperties) implements Serializable {
    /** The largest record Earshot's topics accept and its producers send (topics are created with it). */
    public static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;


    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "kafka.bootstrap-servers");
        if (bootstrapServers.isBlank()) throw new IllegalArgumentException("kafka.bootstrap-servers is empty");
        clientProperties = Map.copyOf(clientProperties);
    }

    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of());
    }

    /** Shown without the values of secret properties (passwords, JAAS configurations, keys). */
    @Override
    public String toString() {
        Map<String, String> shown = new java.util.TreeMap<>();
        clientProperties.forEach((k, v) -> shown.put(k, isSecret(k) ? "[hidden]" : v));
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", clientProperties=" + shown + "]";
    }

    /** Whether a Kafka client property holds a secret, as Kafka's own PASSWORD-typed keys do. */
    static boolean isSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token") || k.endsWith("keystore.key");
    }

    /** Client properties with the bootstrap servers, ready for a producer, consumer or admin client. */
    public Properties toProperties() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.setProperty("bootstrap.servers", bootstrapServers);
        return props;
    }
}
