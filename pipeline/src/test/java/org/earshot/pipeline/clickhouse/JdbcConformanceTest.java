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
import java.util.concurrent.TimeUnit;
import org.earshot.local.testing.TestClickHouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The unmodified ClickHouse JDBC driver (0.10.0) against the embedded engine's HTTP front. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JdbcConformanceTest {
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

    private static Properties credentials() {
        Properties props = new Properties();
        props.setProperty("user", "default");
        props.setProperty("password", clickhouse.password());
        return props;
    }

    private static Connection connect(boolean compress) throws SQLException {
        Properties props = credentials();
        if (!compress) props.setProperty("compress", "false");
        return DriverManager.getConnection(clickhouse.jdbcUrl(), props);
    }

    /** A plain HTTP request as curl would send it, with the password. */
    private static java.net.http.HttpRequest.Builder http(String pathAndQuery) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(clickhouse.httpUrl() + "/" + pathAndQuery))
                .header("X-ClickHouse-Key", clickhouse.password());
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

    /**
     * Every way the driver compresses a request: ClickHouse's own blocks ({@code decompress=1}),
     * and HTTP's {@code Content-Encoding: lz4} with {@code client.use_http_compression}. DDL, a
     * batch insert and a read must all arrive; a compressed statement read as plain text would
     * fail, or worse, do nothing.
     */
    @Test
    void requestsCompressedEveryWayTheDriverSendsThemAreRead() throws Exception {
        java.util.Map<String, java.util.Map<String, String>> ways = java.util.Map.of(
                "blocks", java.util.Map.of("compress", "true", "decompress", "true"),
                "http_lz4", java.util.Map.of("compress", "true", "decompress", "true", "client.use_http_compression", "true"));
        for (var way : ways.entrySet()) {
            Properties props = credentials();
            way.getValue().forEach(props::setProperty);
            String table = "compressed_" + way.getKey();
            try (Connection c = DriverManager.getConnection(clickhouse.jdbcUrl(), props); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id UInt32, text String) ENGINE = MergeTree ORDER BY id");
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (id, text) VALUES (?, ?)")) {
                    for (int i = 0; i < 1_000; i++) {
                        p.setInt(1, i);
                        p.setString(2, "row " + i + " 😀 ".repeat(i % 7));
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                try (ResultSet rs = s.executeQuery("SELECT count(), sum(id), max(length(text)) FROM " + table)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).as(way.getKey()).isEqualTo(1_000);
                    assertThat(rs.getLong(2)).as(way.getKey()).isEqualTo(999L * 1_000 / 2);
                }
            }
        }
    }

    @Test
    void urlSettingsHoldForTheirRequestOnly() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var withSetting = http("?max_threads=3")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("SELECT getSetting('max_threads')")).build();
        assertThat(client.send(withSetting, java.net.http.HttpResponse.BodyHandlers.ofString()).body().strip()).isEqualTo("3");
        var without = http("")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("SELECT getSetting('max_threads')")).build();
        assertThat(client.send(without, java.net.http.HttpResponse.BodyHandlers.ofString()).body().strip()).isNotEqualTo("3");
        var unknown = http("?no_such_setting=1")
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

    @Test
    void theDriversRowBinaryWriterStreamsBinaryRowsExactly() throws Exception {
        Properties props = credentials();
        props.setProperty("beta.row_binary_for_simple_insert", "true");
        try (Connection c = DriverManager.getConnection(clickhouse.jdbcUrl(), props); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE rb (id String, ts DateTime64(3, 'UTC'), n UInt64, tags Array(String)) ENGINE = MergeTree ORDER BY id");
            // Bytes that broke RowBinary inside SQL text: whitespace, NUL, newlines in values.
            String hostile = " \t\n\r\u0000 ' \\ 😀 ";
            Instant ts = Instant.parse("2026-11-28T10:15:30.123Z");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO rb (id, ts, n, tags) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < 10_000; i++) {
                    p.setString(1, hostile + i);
                    p.setTimestamp(2, Timestamp.from(ts.plusMillis(i)));
                    p.setLong(3, 32L + i); // 32 is a space byte in the binary stream
                    p.setArray(4, c.createArrayOf("String", new Object[] {"\n", " "}));
                    p.addBatch();
                }
                assertThat(p.executeBatch()).hasSize(10_000);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(), sum(n), min(ts), max(length(id)) FROM rb WHERE has(tags, '\n')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(10_000);
                assertThat(rs.getLong(2)).isEqualTo(10_000L * 32 + 10_000L * 9_999 / 2);
                assertThat(rs.getTimestamp(3).toInstant()).isEqualTo(ts);
            }
            try (ResultSet rs = s.executeQuery("SELECT id FROM rb WHERE n = 32")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(hostile + 0);
            }
        }
    }

    @Test
    void insertsWithADataBodyAndQueryParametersOverPlainHttp() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        try (Connection c = connect(true); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE csv_in (id UInt32, name String) ENGINE = MergeTree ORDER BY id");
        }
        String insert = java.net.URLEncoder.encode("INSERT INTO csv_in FORMAT CSV", java.nio.charset.StandardCharsets.UTF_8);
        var post = http("?query=" + insert)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("1,\"a, b\"\n2,\"c \"\"quoted\"\"\"\n")).build();
        var inserted = client.send(post, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(inserted.statusCode()).isEqualTo(200);
        assertThat(inserted.headers().firstValue("X-ClickHouse-Summary").orElseThrow()).contains("\"written_rows\":\"2\"");

        String select = java.net.URLEncoder.encode("SELECT name FROM csv_in WHERE id = {id:UInt32} OR name = {name:String}", java.nio.charset.StandardCharsets.UTF_8);
        var query = http("?query=" + select + "&param_id=1&param_name="
                        + java.net.URLEncoder.encode("' OR 1=1 --", java.nio.charset.StandardCharsets.UTF_8)).GET().build();
        assertThat(client.send(query, java.net.http.HttpResponse.BodyHandlers.ofString()).body()).as("a bound value, never SQL").isEqualTo("a, b\n");

        var bad = http("?query=" + insert)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x,y\n")).build();
        var refused = client.send(bad, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as("bad data is the client's mistake, as the server answers it").isEqualTo(400);
        assertThat(refused.headers().firstValue("X-ClickHouse-Exception-Code")).isPresent();
        try (Connection c = connect(true); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count() FROM csv_in")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }
    }

    @Test
    void eightConcurrentWritersLoseNothing() throws Exception {
        try (Connection c = connect(true); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE concurrent (writer UInt8, n UInt32, text String) ENGINE = MergeTree ORDER BY (writer, n)");
        }
        int writers = 8;
        int batches = 10;
        int rows = 500;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                boolean binary = w % 2 == 0; // half through VALUES text, half through the RowBinary writer
                futures.add(pool.submit(() -> {
                    Properties props = credentials();
                    props.setProperty("beta.row_binary_for_simple_insert", String.valueOf(binary));
                    try (Connection c = DriverManager.getConnection(clickhouse.jdbcUrl(), props);
                         PreparedStatement p = c.prepareStatement("INSERT INTO concurrent (writer, n, text) VALUES (?, ?, ?)")) {
                        for (int b = 0; b < batches; b++) {
                            for (int r = 0; r < rows; r++) {
                                p.setInt(1, writer);
                                p.setInt(2, b * rows + r);
                                p.setString(3, "writer " + writer + " row " + r + " 'quoted' \n");
                                p.addBatch();
                            }
                            p.executeBatch();
                            try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("SELECT count() FROM concurrent WHERE writer = " + writer)) {
                                rs.next();
                                assertThat(rs.getLong(1)).isEqualTo((long) (b + 1) * rows);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (var f : futures) f.get(2, java.util.concurrent.TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = connect(false); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT writer, count(), uniqExact(n) FROM concurrent GROUP BY writer ORDER BY writer")) {
            for (int w = 0; w < writers; w++) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(w);
                assertThat(rs.getLong(2)).isEqualTo((long) batches * rows);
                assertThat(rs.getLong(3)).isEqualTo((long) batches * rows);
            }
            assertThat(rs.next()).isFalse();
        }
    }
}
