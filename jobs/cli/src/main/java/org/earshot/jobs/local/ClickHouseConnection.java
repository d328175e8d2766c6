package org.earshot.jobs.local;

import org.earshot.jobs.settings.ClickHouseKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.local.clickhouse.ChdbEngine;
import org.earshot.local.clickhouse.http.ClickHouseHttpServer;
import org.earshot.local.clickhouse.http.FrontOptions;

/**
 * The ClickHouse a local command talks to, always through JDBC: the server named by {@code
 * clickhouse.url}; otherwise the embedded engine another Earshot process serves on this data
 * directory; otherwise a new embedded engine and HTTP front, owned (and stopped) by this
 * connection. The embedded front asks for a password: {@code clickhouse.password} when set,
 * otherwise one generated on first use in {@code DATA/secrets/clickhouse.password}.
 */
public final class ClickHouseConnection implements AutoCloseable {
    /** The generated password of the embedded front, in {@code DATA/secrets/}. */
    static final String PASSWORD_SECRET = "clickhouse.password";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final ChdbEngine engine;
    private final ClickHouseHttpServer server;
    private final DataDirectory data;

    private ClickHouseConnection(String jdbcUrl, String user, String password, ChdbEngine engine, ClickHouseHttpServer server,
                                 DataDirectory data) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.engine = engine;
        this.server = server;
        this.data = data;
    }

    public static ClickHouseConnection open(EarshotConfig config, DataDirectory data, int embeddedPort) {
        String user = config.get(ClickHouseKeys.USER);
        Optional<String> url = config.find(ClickHouseKeys.URL);
        if (url.isPresent()) return new ClickHouseConnection(url.get(), user, config.find(ClickHouseKeys.PASSWORD).orElse(""), null, null, null);
        String password = config.find(ClickHouseKeys.PASSWORD).orElseGet(() -> data.secrets().get(PASSWORD_SECRET));
        Optional<String> running = running(data, user, password);
        if (running.isPresent()) return new ClickHouseConnection(running.get(), user, password, null, null, null);
        FrontOptions options = new FrontOptions(config.get(ClickHouseKeys.EMBEDDED_HOST), embeddedPort, user, password,
                Set.copyOf(config.get(ClickHouseKeys.EMBEDDED_ALLOWED_HOSTS)), Set.copyOf(config.get(ClickHouseKeys.EMBEDDED_ALLOWED_ORIGINS)),
                config.get(ClickHouseKeys.EMBEDDED_EXTERNAL_ACCESS),
                FrontOptions.IDLE_TIMEOUT, null);
        ChdbEngine engine = ChdbEngine.open(data.clickhouse());
        ClickHouseHttpServer server;
        try {
            server = ClickHouseHttpServer.start(engine, options);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        try {
            Files.writeString(data.clickhouseAddressFile(), server.jdbcUrl(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            server.close();
            engine.close();
            throw new UncheckedIOException("cannot write " + data.clickhouseAddressFile() + ": " + e.getMessage(), e);
        }
        return new ClickHouseConnection(server.jdbcUrl(), user, password, engine, server, data);
    }

    /** Brings the schema up to date (Earshot's migrations, each applied once) before a command reads or writes it. */
    public ClickHouseConnection migrate(EarshotConfig config) throws Exception {
        org.earshot.jobs.Migrations.apply(org.earshot.jobs.ListenOptions.clickhouse(config, jdbcUrl()).withCredentials(user(), password()), config);
        return this;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    /** The password jobs and commands send (never printed). */
    public String password() {
        return password;
    }

    /** Whether this process serves the engine (rather than reaching one served elsewhere). */
    public boolean embedded() {
        return server != null;
    }

    /** A new JDBC connection. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
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
    private static Optional<String> running(DataDirectory data, String user, String password) {
        java.nio.file.Path file = data.clickhouseAddressFile();
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            String url = Files.readString(file, StandardCharsets.UTF_8).strip();
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                return c.isValid(3) ? Optional.of(url) : Optional.empty();
            }
        } catch (IOException | SQLException e) {
            return Optional.empty();
        }
    }
}
