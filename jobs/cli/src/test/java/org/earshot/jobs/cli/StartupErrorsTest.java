package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.earshot.local.clickhouse.ChdbEngine;
import org.earshot.local.testing.TestClickHouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong password, a missing library and a locked data directory each stop startup with one sentence. */
class StartupErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aWrongClickHousePasswordStopsTheListenJobBeforeItStarts() throws Exception {
        try (TestClickHouse server = TestClickHouse.start(dir.resolve("guarded"))) {
            CapturedRun r = CapturedRun.of("run", "listen", "--for", "5s", "--data", dir.resolve("data").toString(),
                    "--set", "kafka.embedded.port=0", "--set", "clickhouse.url=" + server.jdbcUrl(), "--set", "clickhouse.password=wrong");
            assertThat(r.exit()).isNotZero();
            assertThat(r.err().strip().lines()).containsExactly("earshot: ClickHouse at " + server.jdbcUrl()
                    + " refused user 'default' with the configured password (set clickhouse.user and clickhouse.password)");
        }
    }

    @Test
    void aLockedClickHouseDataDirectoryIsNamed() {
        Path data = dir.resolve("data");
        try (ChdbEngine holder = ChdbEngine.open(data.resolve("clickhouse"))) {
            CapturedRun r = CapturedRun.of("sql", "--data", data.toString(), "SELECT 1");
            assertThat(r.exit()).isNotZero();
            assertThat(r.err().strip().lines()).hasSize(1).first().asString()
                    .startsWith("earshot: ").contains(data.resolve("clickhouse").toString()).contains("in use");
        }
    }

    @Test
    void aMissingEngineLibraryIsNamed() throws Exception {
        // A fresh JVM: this one has the library loaded already. The data directory exists, so the library is what is missing.
        java.nio.file.Files.createDirectories(dir.resolve("data"));
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Earshot.class.getName(),
                "sql", "--data", dir.resolve("data").toString(), "SELECT 1"));
        pb.environment().put("EARSHOT_CHDB_LIB", dir.resolve("no-such-libchdb.so").toString());
        pb.redirectErrorStream(false);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(err.strip().lines().filter(l -> l.startsWith("earshot: ")).toList())
                .containsExactly("earshot: EARSHOT_CHDB_LIB names " + dir.resolve("no-such-libchdb.so") + ", which does not exist");
    }

    @Test
    void aDurationWithoutAUnitIsRefusedBeforeAnythingStarts() {
        CapturedRun demo = CapturedRun.of("demo", "--for", "60", "--data", dir.resolve("data").toString(), "--set", "dashboards.port=0");
        assertThat(demo.exit()).isEqualTo(2);
        assertThat(demo.err().strip()).isEqualTo("earshot: --for is '60' without a unit; add a unit, e.g. 60s or 60min");
        assertThat(dir.resolve("data").resolve("kafka")).as("nothing started").doesNotExist();
        CapturedRun setting = CapturedRun.of("run", "listen", "--for", "5s", "--data", dir.resolve("data").toString(),
                "--set", "listen.checkpoint-interval=5");
        assertThat(setting.exit()).isEqualTo(2);
        assertThat(setting.err()).contains("setting listen.checkpoint-interval (--set) is '5' without a unit");
    }

    @Test
    void aMistakeInASettingIsRefusedWithTheKeyNamedBeforeAnythingStarts() {
        Path data = dir.resolve("data");
        CapturedRun unknown = CapturedRun.of("--set", "no.such.key=1", "demo", "--data", data.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().strip()).startsWith("earshot: unknown setting 'no.such.key' (--set); did you mean ");
        CapturedRun typo = CapturedRun.of("demo", "--data", data.toString(), "--set", "kafka.bootstrap-server=broker:9092");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err().strip()).isEqualTo("earshot: unknown setting 'kafka.bootstrap-server' (--set); "
                + "did you mean kafka.bootstrap-servers? (earshot settings lists them all)");
        CapturedRun soon = CapturedRun.of("--set", "listen.checkpoint-interval=soon", "demo", "--data", data.toString());
        assertThat(soon.exit()).isEqualTo(2);
        assertThat(soon.err().strip()).isEqualTo("earshot: setting listen.checkpoint-interval (--set) takes a duration such as "
                + "30s, 5min, 2h or 7d, not 'soon'");
        CapturedRun ture = CapturedRun.of("run", "ingest", "--data", data.toString(), "--set", "ingest.allow-private=ture");
        assertThat(ture.exit()).isEqualTo(2);
        assertThat(ture.err().strip()).isEqualTo("earshot: setting ingest.allow-private (--set) is 'ture'; expected true or false");
        assertThat(data).as("nothing started").doesNotExist();
    }
}
