package org.earshot.local.clickhouse.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.earshot.local.testing.TestCertificate;
import org.earshot.local.testing.TestClickHouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an external server gives a client and the embedded front must too, so that Earshot's
 * jobs are tested the way they meet a server: the database the client names, and HTTPS that the
 * driver trusts only with the server's certificate.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClickHouseFrontDatabasesAndTlsTest {
    @TempDir
    Path dir;

    @Test
    void statementsAndInsertsRunInTheDatabaseTheClientNames() throws Exception {
        try (TestClickHouse clickhouse = TestClickHouse.start(dir.resolve("clickhouse"))) {
            try (Connection c = clickhouse.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE earshot");
            }
            String earshotUrl = clickhouse.jdbcUrl().replace("/default", "/earshot");
            try (Connection c = DriverManager.getConnection(earshotUrl, "default", clickhouse.password()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id UInt32, name String) ENGINE = MergeTree ORDER BY id");
                // The driver's RowBinary writer: the streaming insert path.
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO kept (id, name) VALUES (?, ?)")) {
                    for (int i = 0; i < 250; i++) {
                        insert.setInt(1, i);
                        insert.setString(2, "row " + i);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                assertThat(single(s, "SELECT currentDatabase()")).isEqualTo("earshot");
                assertThat(single(s, "SELECT count() FROM kept")).isEqualTo("250");
            }
            // Text in the SQL, sent with ?database= as curl would.
            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(clickhouse.httpUrl() + "/?database=earshot&query=INSERT%20INTO%20kept%20FORMAT%20CSV"))
                    .header("X-ClickHouse-Key", clickhouse.password()).POST(HttpRequest.BodyPublishers.ofString("1000,\"from curl\"\n")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

            try (Connection c = clickhouse.connect(); Statement s = c.createStatement()) {
                // Every one of the engine's connections back in `default`, whichever ran in `earshot` before.
                for (int i = 0; i < 12; i++) assertThat(single(s, "SELECT currentDatabase()")).isEqualTo("default");
                assertThat(single(s, "SELECT count() FROM system.tables WHERE database = 'default' AND name = 'kept'")).isEqualTo("0");
                assertThat(single(s, "SELECT count(), max(id) FROM earshot.kept")).isEqualTo("251\t1000");
            }
            String missingUrl = clickhouse.jdbcUrl().replace("/default", "/nowhere");
            assertThatThrownBy(() -> {
                try (Connection c = DriverManager.getConnection(missingUrl, "default", clickhouse.password()); Statement s = c.createStatement()) {
                    s.executeQuery("SELECT 1").close();
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("nowhere").hasMessageContaining("UNKNOWN_DATABASE");
        }
    }

    @Test
    void servesHttpsThatTheDriverTrustsWithTheServersCertificateOnly() throws Exception {
        TestCertificate certificate = TestCertificate.create(dir);
        try (TestClickHouse clickhouse = TestClickHouse.start(dir.resolve("clickhouse"),
                FrontOptions.loopback(0, TestClickHouse.PASSWORD).withTls(certificate.tls()))) {
            assertThat(clickhouse.jdbcUrl()).startsWith("jdbc:clickhouse:https://127.0.0.1:");
            String trusting = clickhouse.jdbcUrl() + "?sslrootcert=" + certificate.certificate();
            try (Connection c = DriverManager.getConnection(trusting, "default", clickhouse.password()); Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT 6 * 7")).isEqualTo("42");
            }
            assertThatThrownBy(() -> {
                try (Connection c = DriverManager.getConnection(clickhouse.jdbcUrl(), "default", clickhouse.password()); Statement s = c.createStatement()) {
                    s.executeQuery("SELECT 1").close();
                }
            }).as("a certificate the JVM does not trust").isInstanceOf(SQLException.class).hasStackTraceContaining("PKIX path building failed");
            String plain = clickhouse.jdbcUrl().replace("https:", "http:");
            assertThatThrownBy(() -> {
                try (Connection c = DriverManager.getConnection(plain, "default", clickhouse.password()); Statement s = c.createStatement()) {
                    s.executeQuery("SELECT 1").close();
                }
            }).as("plain HTTP to the HTTPS port").isInstanceOf(SQLException.class);
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            assertThat(r.next()).isTrue();
            StringBuilder row = new StringBuilder(r.getString(1));
            for (int i = 2; i <= r.getMetaData().getColumnCount(); i++) row.append('\t').append(r.getString(i));
            return row.toString();
        }
    }
}
