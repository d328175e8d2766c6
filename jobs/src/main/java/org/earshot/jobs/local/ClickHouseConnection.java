package org.earshot.jobs.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.earshot.jobs.EarshotConfig;
import org.earshot.pipeline.clickhouse.ChdbEngine;
import org.earshot.pipeline.clickhouse.ClickHouseHttpServer;

/**
 * The ClickHouse a local command talks to, always through JDBC: the server named by {@code
 * clickhouse.url}; otherwise the embedded engine another Earshot process serves on this data
 * directory; otherwise a new embedded engine and HTTP front, owned (and stopped) by this
 * connection.
 */
public final class ClickHouseConnection implements AutoCloseable {
    public static final String URL = "clickhouse.url";
    public static final String PASSWORD = "clickhouse.password";

    private final String jdbcUrl;
    private final String password;
    private final ChdbEngine engine;
    private final ClickHouseHttpServer server;
    private final DataDirectory data;

    private ClickHouseConnection(String jdbcUrl, String password, ChdbEngine engine, ClickHouseHttpServer server, DataDirectory data) {
        this.jdbcUrl = jdbcUrl;
        this.password = password;
        this.engine = engine;
        this.server = server;
        this.data = data;
    }

    public static ClickHouseConnection open(EarshotConfig config, DataDirectory data, int embeddedPort) {
        String password = config.get(PASSWORD, "");
        Optional<String> url = config.get(URL);
        if (url.isPresent()) return new ClickHouseConnection(url.get(), password, null, null, null);
        Optional<String> running = running(data);
        if (running.isPresent()) return new ClickHouseConnection(running.get(), password, null, null, null);
        ChdbEngine engine = ChdbEngine.open(data.clickhouse());
        try {
            ClickHouseHttpServer server = ClickHouseHttpServer.start(engine, embeddedPort, password.isEmpty() ? null : password);
            Files.writeString(data.clickhouseAddressFile(), server.jdbcUrl(), StandardCharsets.UTF_8);
            return new ClickHouseConnection(server.jdbcUrl(), password, engine, server, data);
        } catch (IOException e) {
            engine.close();
            throw new UncheckedIOException("cannot serve the embedded ClickHouse: " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** A new JDBC connection. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "default", password);
    }

    @Override
    public void close() {
        if (server == null) return;
        try {
            Files.deleteIfExists(data.clickhouseAddressFile());
        } catch (IOException ignored) {
            // The next command checks the address anyway.
        }
        server.close();
        engine.close();
    }

    /** The URL another Earshot process serves this data directory's engine on, if it answers. */
    private static Optional<String> running(DataDirectory data) {
        java.nio.file.Path file = data.clickhouseAddressFile();
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            String url = Files.readString(file, StandardCharsets.UTF_8).strip();
            try (Connection c = DriverManager.getConnection(url, "default", "")) {
                return c.isValid(3) ? Optional.of(url) : Optional.empty();
            }
        } catch (IOException | SQLException e) {
            return Optional.empty();
        }
    }
}
