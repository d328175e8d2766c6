package org.earshot.jobs.local;

import java.util.TreeMap;
import org.earshot.local.kafka.TopicFiles;
import org.earshot.jobs.settings.KafkaKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.local.DirectoryLock;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.Json;
import org.earshot.schemas.Rule;
import org.earshot.schemas.Topics;

/**
 * The rules of a local Earshot, read and written without starting a broker. The topic {@code
 * earshot.rules} stays the one place rules live; this only chooses the quickest honest way to it:
 * <ul>
 *   <li>a configured Kafka, or the embedded broker another Earshot process runs on the data
 *       directory: the topic itself;</li>
 *   <li>no broker running: the topic's files in {@code DATA/kafka}, read directly, and changes
 *       queued in {@code DATA/rules-pending.jsonl}, which the embedded broker publishes to the topic
 *       as it starts, before any job reads it.</li>
 * </ul>
 * Starting the broker takes seconds; this answers in well under one. While the store is open
 * without a broker it holds the Kafka directory's lock, so no broker starts halfway through.
 */
public final class RuleStore implements AutoCloseable {
    /** The queued changes of a data directory whose broker is not running. */
    static final String PENDING = "rules-pending.jsonl";
    private static final long BROKER_STARTING_MILLIS = TimeUnit.SECONDS.toMillis(60);

    private final RulesTopic topic;
    private final DataDirectory data;
    private final DirectoryLock offline;

    private RuleStore(RulesTopic topic, DataDirectory data, DirectoryLock offline) {
        this.topic = topic;
        this.data = data;
        this.offline = offline;
    }

    public static RuleStore open(EarshotConfig config, DataDirectory data) {
        Optional<KafkaSettings> external = config.kafka();
        if (external.isPresent()) {
            // A cluster's topics may not exist yet; the embedded broker makes its own as it starts.
            TopicAdmin.ensureTopics(external.get(), config.get(KafkaKeys.TOPIC_PARTITIONS), List.of(Topics.RULES));
            return new RuleStore(new RulesTopic(external.get()), null, null);
        }
        long deadline = System.currentTimeMillis() + BROKER_STARTING_MILLIS;
        while (true) {
            Optional<DirectoryLock> lock = DirectoryLock.tryAcquire(data.kafka(), "Kafka data directory");
            if (lock.isPresent()) return new RuleStore(null, data, lock.get());
            // Another process holds the broker: it writes the address once it listens, and removes it as it stops.
            if (Files.isRegularFile(data.kafkaAddressFile())) return new RuleStore(new RulesTopic(runningBroker(data)), null, null);
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("another Earshot process holds " + data.kafka() + " but its Kafka has not started in "
                        + BROKER_STARTING_MILLIS / 1000 + " s (no " + data.kafkaAddressFile() + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the embedded Kafka to start", e);
            }
        }
    }

    /** Every live rule by id, queued changes included. */
    public SortedMap<String, Rule> readAll() {
        if (topic != null) return topic.readAll();
        SortedMap<String, Rule> rules = readFiles(data.kafka());
        pending(data).forEach((id, rule) -> {
            if (rule == null) rules.remove(id);
            else rules.put(id, rule);
        });
        return rules;
    }

    /** Adds or replaces the rule with {@code rule.id}. */
    public void put(Rule rule) {
        if (topic != null) topic.put(rule);
        else queue(rule.id, rule);
    }

    public void delete(String id) {
        if (topic != null) topic.delete(id);
        else queue(id, null);
    }

    /** Whether changes wait for the embedded broker to start (and no job sees them before). */
    public boolean queued() {
        return topic == null;
    }

    @Override
    public void close() {
        if (offline != null) offline.close();
    }

    /**
     * Publishes the changes queued while no broker ran, in order, then forgets them; called by the
     * process that started the embedded broker, which holds the Kafka directory's lock.
     */
    static int publishPending(DataDirectory data, KafkaSettings settings) {
        Map<String, Rule> pending = pending(data);
        if (pending.isEmpty()) return 0;
        RulesTopic topic = new RulesTopic(settings);
        pending.forEach((id, rule) -> {
            if (rule == null) topic.delete(id);
            else topic.put(rule);
        });
        try {
            Files.delete(data.root().resolve(PENDING));
        } catch (IOException e) {
            throw new UncheckedIOException("published the queued rule changes but cannot remove " + data.root().resolve(PENDING), e);
        }
        return pending.size();
    }

    private void queue(String id, Rule rule) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("id", id);
        change.put("rule", rule);
        try {
            Files.writeString(data.root().resolve(PENDING), Json.toString(change) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot queue the rule change in " + data.root().resolve(PENDING), e);
        }
    }

    /** The queued changes, the last per id ({@code null}: deleted), in the order they were made. */
    private static Map<String, Rule> pending(DataDirectory data) {
        Path file = data.root().resolve(PENDING);
        Map<String, Rule> changes = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) return changes;
        int n = 0;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                if (line.isBlank()) continue;
                JsonNode change = Json.mapper().readTree(line);
                JsonNode rule = change.path("rule");
                String id = change.path("id").asText();
                changes.remove(id); // the latest change last
                changes.put(id, rule.isObject() ? Topics.RULES.deserialize(Json.mapper().writeValueAsBytes(rule)) : null);
            }
        } catch (IOException e) {
            throw new IllegalStateException(file + " line " + n + " is not a queued rule change: " + e.getMessage()
                    + " (fix or remove the line; the rules on the topic are unaffected)", e);
        }
        return changes;
    }

    /** The embedded broker another process runs on this data directory, at the address it wrote. */
    private static KafkaSettings runningBroker(DataDirectory data) {
        try {
            String address = Files.readString(data.kafkaAddressFile(), StandardCharsets.UTF_8).strip();
            return new KafkaSettings(address, EmbeddedKafka.clientProperties(data.secrets().get(KafkaConnection.PASSWORD_SECRET)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + data.kafkaAddressFile(), e);
        }
    }

    /**
     * The live rules as a stopped embedded broker's log directory holds them (see {@link
     * TopicFiles}): what {@link RulesTopic#readAll()} would read once the broker is started.
     */
    public static SortedMap<String, Rule> readFiles(Path logDir) {
        SortedMap<String, Rule> rules = new TreeMap<>();
        TopicFiles.read(logDir, Topics.RULES.name(), (key, value) -> RulesTopic.apply(rules, key, value));
        return rules;
    }
}
