package org.earshot.local.clickhouse.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.earshot.local.testing.TestClickHouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official JavaScript client ({@code @clickhouse/client}, installed by the build into
 * {@code target/js}, run with the machine's node) against the embedded front: DDL, JSONEachRow
 * inserts and reads, query parameters, an error, a streamed read of 200,000 rows, and a
 * statement with settings, without compression, with gzip both ways, and with Brotli requests.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClickHouseJsClientTest {
    @TempDir
    static Path dir;
    static TestClickHouse clickhouse;

    @BeforeAll
    static void start() {
        clickhouse = TestClickHouse.start(dir.resolve("clickhouse"));
    }

    @AfterAll
    static void stop() {
        clickhouse.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "gzip", "br"})
    void theOfficialJavaScriptClientWorksWithAndWithoutCompression(String mode) throws Exception {
        JsonNode seen = run(mode);
        assertThat(seen.path("failure").isMissingNode()).as(seen.path("failure").asText()).isTrue();
        assertThat(seen.path("ping").asBoolean()).isTrue();
        assertThat(seen.path("rows")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(seen.path("rows").get(i).path("id").asInt()).isEqualTo(i);
            assertThat(seen.path("rows").get(i).path("text").asText()).isEqualTo("row " + i + " 😀 'quoted' \"double\" \\ back");
        }
        assertThat(seen.path("counted").path("n").asLong()).isEqualTo(1_000);
        assertThat(seen.path("counted").path("total").asLong()).isEqualTo(999L * 1_000 / 2);
        assertThat(seen.path("error").path("code").asText()).isEqualTo("60");
        assertThat(seen.path("error").path("type").asText()).isEqualTo("UNKNOWN_TABLE");
        assertThat(seen.path("streamed").path("count").asLong()).isEqualTo(200_000);
        assertThat(seen.path("streamed").path("sum").asLong()).isEqualTo(199_999L * 200_000 / 2);
        assertThat(seen.path("exec").asText()).as("a setting for one request").isEqualTo("1");
        assertThat(clickhouse.queryLong("SELECT count() FROM js_" + mode)).as("rows stored, read back through JDBC").isEqualTo(1_000);
    }

    private static JsonNode run(String mode) throws IOException, InterruptedException {
        Path js = Path.of("target", "js");
        assertThat(js.resolve("node_modules/@clickhouse/client")).as("installed by the build (npm ci in target/js)").isDirectory();
        Path output = dir.resolve("js-" + mode + ".out");
        Path log = dir.resolve("js-" + mode + ".log"); // the client logs the refused query here
        Process node = new ProcessBuilder(List.of("node", "conformance.mjs", clickhouse.httpUrl(), clickhouse.password(), mode))
                .directory(js.toFile()).redirectError(log.toFile()).redirectOutput(output.toFile()).start();
        assertThat(node.waitFor(3, TimeUnit.MINUTES)).as("node finished").isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(node.exitValue()).as(printed + Files.readString(log, StandardCharsets.UTF_8)).isZero();
        return new ObjectMapper().readTree(printed);
    }
}
