package org.earshot.jobs.local;

import org.earshot.jobs.settings.KafkaKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.schemas.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of a data directory without a broker: read from the stopped broker's files, changes
 * queued and published when the embedded broker next starts; with a broker, the topic itself.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RuleStoreTest {
    private static final EarshotConfig CONFIG = EarshotConfig.of(Map.of(KafkaKeys.EMBEDDED_PORT.key(), "0"));

    @TempDir
    Path dir;

    @Test
    void readsAStoppedBrokersFilesQueuesChangesAndPublishesThemWhenTheBrokerStarts() {
        DataDirectory data = new DataDirectory(dir);
        try (KafkaConnection kafka = KafkaConnection.open(CONFIG, data)) {
            RulesTopic topic = new RulesTopic(kafka.settings());
            topic.put(rule("aurora", "aurora OR #aurora"));
            topic.put(rule("nimbus", "nimbus"));
            topic.put(rule("aurora", "aurora OR @auroramobile")); // a later version of the same rule
            topic.put(rule("gone", "gone"));
            topic.delete("gone");
        }

        try (RuleStore store = RuleStore.open(CONFIG, data)) {
            assertThat(store.queued()).isTrue();
            assertThat(store.readAll()).containsOnlyKeys("aurora", "nimbus");
            assertThat(store.readAll().get("aurora").query).isEqualTo("aurora OR @auroramobile");
            store.put(rule("coffee", "brewhaus"));
            store.delete("nimbus");
            assertThat(store.readAll()).containsOnlyKeys("aurora", "coffee");
        }
        assertThat(dir.resolve(RuleStore.PENDING)).exists();

        try (KafkaConnection kafka = KafkaConnection.open(CONFIG, data)) {
            assertThat(new RulesTopic(kafka.settings()).readAll()).containsOnlyKeys("aurora", "coffee");
            assertThat(dir.resolve(RuleStore.PENDING)).doesNotExist();

            try (RuleStore store = RuleStore.open(CONFIG, data)) { // the running broker's topic, nothing queued
                assertThat(store.queued()).isFalse();
                store.put(rule("skylark", "skylark"));
            }
            assertThat(new RulesTopic(kafka.settings()).readAll()).containsOnlyKeys("aurora", "coffee", "skylark");
        }
        assertThat(Files.exists(dir.resolve(RuleStore.PENDING))).isFalse();
    }

    private static Rule rule(String id, String query) {
        return new Rule(id, query, null, Instant.now());
    }
}
