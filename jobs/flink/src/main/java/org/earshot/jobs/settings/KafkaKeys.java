package org.earshot.jobs.settings;

import java.util.List;

/** Where Earshot's topics are: an external cluster, or the broker embedded in the data directory. */
public final class KafkaKeys {
    public static final Setting<String> BOOTSTRAP_SERVERS = Setting.optional("kafka.bootstrap-servers", SettingType.text(),
            "embedded broker", "an external Kafka (host:port,…); nothing else changes");
    public static final Setting<String> CLIENT = Setting.under("kafka.client.",
            "passed to every Kafka client, e.g. `kafka.client.security.protocol=SASL_SSL`");
    public static final Setting<Integer> EMBEDDED_PORT = Setting.of("kafka.embedded.port", SettingType.port(), 9092,
            "the embedded broker's port (a free one if taken; `0` for any)");
    public static final Setting<Integer> TOPIC_PARTITIONS = Setting.of("kafka.topic.partitions", SettingType.integer(1, 10_000), 1,
            "partitions for topics Earshot creates");

    static final List<Setting<?>> ALL = List.of(BOOTSTRAP_SERVERS, CLIENT, EMBEDDED_PORT, TOPIC_PARTITIONS);

    private KafkaKeys() {}
}
