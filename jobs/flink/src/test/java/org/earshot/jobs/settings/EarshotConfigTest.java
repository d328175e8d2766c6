package org.earshot.jobs.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Settings are declared once, typed, and a mistake in one is refused with the key named. */
@Timeout(60)
class EarshotConfigTest {
    private static final List<Class<?>> AREAS = List.of(KafkaKeys.class, ClickHouseKeys.class, ListenKeys.class, IngestKeys.class,
            ReplayKeys.class, IndexKeys.class, DashboardsKeys.class, ReportsKeys.class, AlertsKeys.class, PublishKeys.class, StateKeys.class);

    @TempDir
    Path dir;

    @Test
    void everyDeclaredSettingIsInTheCatalogOnceWithItsOwnVariable() throws Exception {
        List<Setting<?>> declared = new ArrayList<>();
        for (Class<?> area : AREAS) {
            for (Field field : area.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == Setting.class) declared.add((Setting<?>) field.get(null));
            }
        }
        assertThat(SettingsCatalog.all()).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(declared.stream().map(Setting::key)).doesNotHaveDuplicates();
        assertThat(declared.stream().map(Setting::environmentVariable)).doesNotHaveDuplicates();
        assertThat(declared).allSatisfy(s -> assertThat(s.description()).isNotBlank());
    }

    @Test
    void anUnknownKeyIsRefusedWithTheClosestKnownOne() {
        assertThatThrownBy(() -> EarshotConfig.of(Map.of("listen.checkpoint-intervall", "5s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown setting 'listen.checkpoint-intervall' (--set); did you mean listen.checkpoint-interval? "
                        + "(earshot settings lists them all)");
        assertThatThrownBy(() -> EarshotConfig.of(Map.of("clickhouse.pasword", "x")))
                .hasMessageContaining("did you mean clickhouse.password?");
    }

    @Test
    void aValueThatDoesNotReadAsItsTypeIsRefused() {
        assertThatThrownBy(() -> EarshotConfig.of(Map.of("ingest.allow-private", "ture")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("setting ingest.allow-private (--set) is 'ture'; expected true or false");
        assertThatThrownBy(() -> EarshotConfig.of(Map.of("listen.dedup.ttl", "60"))).hasMessageContaining("'60' without a unit");
        assertThatThrownBy(() -> EarshotConfig.of(Map.of("listen.dedup.ttl", "0s"))).hasMessageContaining("expected a duration above zero");
        assertThatThrownBy(() -> EarshotConfig.of(Map.of("kafka.embedded.port", "70000"))).hasMessageContaining("expected an integer 0–65535");
        assertThatThrownBy(() -> EarshotConfig.of(Map.of("listen.text.max-chars", "many"))).hasMessageContaining("expected an integer ≥ 1");
        assertThatThrownBy(() -> EarshotConfig.of(Map.of("replay.rate", "-1"))).hasMessageContaining("expected a number ≥ 0");
        assertThatThrownBy(() -> EarshotConfig.of(Map.of("replay.format", "xml"))).hasMessageContaining("expected one of jsonl, csv, text");
    }

    @Test
    void valuesReadAsTheirTypesAndUnsetOnesAsTheirDefaults() {
        EarshotConfig config = EarshotConfig.of(Map.of("ingest.allow-private", "TRUE", "listen.dedup.ttl", "3 d",
                "ingest.allow-private-hosts", " mirror.local, ,10.0.0.5 ", "replay.format", "CSV", "listen.group-id", " "));
        assertThat(config.get(IngestKeys.ALLOW_PRIVATE)).isTrue();
        assertThat(config.get(ListenKeys.DEDUP_TTL)).isEqualTo(Duration.ofDays(3));
        assertThat(config.get(IngestKeys.ALLOW_PRIVATE_HOSTS)).containsExactly("mirror.local", "10.0.0.5");
        assertThat(config.find(ReplayKeys.FORMAT)).contains(org.earshot.pipeline.ingest.ReplayFormat.CSV);
        assertThat(config.get(ListenKeys.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.isSet(ListenKeys.GROUP_ID)).as("a blank value is no value").isFalse();
        assertThat(config.get(ListenKeys.GROUP_ID)).isEqualTo("earshot-listen");
        assertThat(config.find(ClickHouseKeys.URL)).isEmpty();
    }

    @Test
    void theFileThenTheEnvironmentThenSetAndEachValueKnowsWhereItCameFrom() throws Exception {
        Path file = dir.resolve("earshot.properties");
        Files.writeString(file, "listen.group-id=from-file\nlisten.dedup.ttl=1d\nkafka.topic.partitions=3\n", StandardCharsets.UTF_8);
        EarshotConfig config = EarshotConfig.load(file,
                Map.of("EARSHOT_LISTEN_DEDUP_TTL", "2d", "EARSHOT_KAFKA_BOOTSTRAP__SERVERS", "old:9092", "EARSHOT_HOME", "/opt/earshot",
                        "EARSHOT_KAFKA_CLIENT_SASL_MECHANISM", "PLAIN", "PATH", "/bin"),
                Map.of("kafka.topic.partitions", "6"));
        assertThat(config.get(ListenKeys.GROUP_ID)).isEqualTo("from-file");
        assertThat(config.given(ListenKeys.GROUP_ID).orElseThrow().source()).isEqualTo("file " + file);
        assertThat(config.get(ListenKeys.DEDUP_TTL)).isEqualTo(Duration.ofDays(2));
        assertThat(config.given(ListenKeys.DEDUP_TTL).orElseThrow().source()).isEqualTo("environment EARSHOT_LISTEN_DEDUP_TTL");
        assertThat(config.get(KafkaKeys.TOPIC_PARTITIONS)).isEqualTo(6);
        assertThat(config.given(KafkaKeys.TOPIC_PARTITIONS).orElseThrow().source()).isEqualTo("--set");
        assertThat(config.kafka().orElseThrow().bootstrapServers()).isEqualTo("old:9092");
        assertThat(config.kafka().orElseThrow().clientProperties()).containsExactly(Map.entry("sasl.mechanism", "PLAIN"));
    }

    @Test
    void anUnknownEarshotVariableIsRefused() {
        assertThatThrownBy(() -> EarshotConfig.load(null, Map.of("EARSHOT_LISTEN_DEDUP_TLL", "3d"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown setting in environment variable EARSHOT_LISTEN_DEDUP_TLL; did you mean EARSHOT_LISTEN_DEDUP_TTL "
                        + "(listen.dedup.ttl)? Only settings may start with EARSHOT_");
    }

    @Test
    void theReadmeTableIsTheCatalogs() throws Exception {
        String readme = Files.readString(Path.of("..", "cli", "README.md"), StandardCharsets.UTF_8);
        assertThat(readme).as("jobs/cli/README.md's settings table; regenerate it with earshot settings --markdown")
                .contains(SettingsCatalog.markdownTable());
    }
}
