package org.earshot.pipeline.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unmodified ClickHouse JDBC driver (0.10.0) against the embedded engine's HTTP front. */
class JdbcConformanceTest {
    @TempDir
    static Path dir;
    static ChdbEngine engine;
    static ClickHouseHttpServer server;

    @BeforeAll
    static void start() throws Exception {
        engine = ChdbEngine.open(dir.resolve("clickhouse"));
        server = ClickHouseHttpServer.start(engine, 0, null);
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    private static Connection connect(boolean compress) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "default");
        props.setProperty("password", "");
        if (!compress) props.setProperty("compress", "false");
        return DriverManager.getConnection(server.jdbcUrl(), props);
    }

    @Test
    void ddlBatchInsertsAndExactRoundTripsWithCompressionOnAndOff() throws Exception {
        for (boolean compress : new boolean[] {true, false}) {
            String table = compress ? "rt_compressed" : "rt_plain";
            try (Connection c = connect(compress); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id String, ts DateTime64(3, 'UTC'), n Int64, x Float64, tags Array(String), lang LowCardinality(String)) "
                        + "ENGINE = MergeTree ORDER BY id");
                String hostile = "quote ' \" back\\slash\nnew line NUL\u0000 emoji 😀 مرحبا";
                Instant ts = Instant.parse("2026-11-28T10:15:30.123Z");
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (id, ts, n, x, tags, lang) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < 3; i++) {
                        p.setString(1, i == 0 ? hostile : "id-" + i);
                        p.setTimestamp(2, Timestamp.from(ts.plusMillis(i)));
                        p.setLong(3, Long.MAX_VALUE - i);
                        p.setDouble(4, 0.1 * i);
                        p.setArray(5, c.createArrayOf("String", new Object[] {"a" + i, "#b"}));
                        p.setString(6, "en");
                        p.addBatch();
                    }
                    int[] counts = p.executeBatch();
                    assertThat(counts).containsExactly(1, 1, 1);
                }
                try (PreparedStatement q = c.prepareStatement("SELECT id, ts, n, x, tags FROM " + table + " WHERE lang = ? ORDER BY n DESC")) {
                    q.setString(1, "en");
                    try (ResultSet rs = q.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo(hostile);
                        assertThat(rs.getTimestamp(2).toInstant()).isEqualTo(ts);
                        assertThat(rs.getLong(3)).isEqualTo(Long.MAX_VALUE);
                        assertThat(rs.getDouble(4)).isEqualTo(0.0);
                        assertThat((Object[]) rs.getArray(5).getArray()).containsExactly("a0", "#b");
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.next()).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void urlSettingsHoldForTheirRequestOnly() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.port() + "/";
        var withSetting = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "?max_threads=3"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("SELECT getSetting('max_threads')")).build();
        assertThat(client.send(withSetting, java.net.http.HttpResponse.BodyHandlers.ofString()).body().strip()).isEqualTo("3");
        var without = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("SELECT getSetting('max_threads')")).build();
        assertThat(client.send(without, java.net.http.HttpResponse.BodyHandlers.ofString()).body().strip()).isNotEqualTo("3");
        var unknown = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "?no_such_setting=1"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("SELECT 1")).build();
        var response = client.send(unknown, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("X-ClickHouse-Exception-Code")).contains("115");
    }

    @Test
    void errorsCarryClickHouseCodes() throws Exception {
        try (Connection c = connect(true); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(60));
            assertThatThrownBy(() -> s.executeQuery("SELEC 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(62));
            try (ResultSet rs = s.executeQuery("SELECT version()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("26.7");
            }
        }
    }
}
