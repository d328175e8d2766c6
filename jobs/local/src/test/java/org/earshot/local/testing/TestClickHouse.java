package org.earshot.local.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.earshot.local.clickhouse.ChdbEngine;
import org.earshot.local.clickhouse.http.ClickHouseHttpServer;
import org.earshot.local.clickhouse.http.FrontOptions;

/**
 * The real ClickHouse engine and its HTTP front in a test's folder, with a password, reached the
 * way the jobs reach it: through the JDBC driver. It can be stopped and started again on the same
 * port and data, to test what a job does while ClickHouse is gone.
 */
public final class TestClickHouse implements AutoCloseable {
    public static final String PASSWORD = "test-clickhouse-password";

    private final Path dir;
    private FrontOptions options;
    private volatile ChdbEngine engine;
    private volatile ClickHouseHttpServer server;

    private TestClickHouse(Path dir, FrontOptions options) {
        this.dir = dir;
        this.options = options;
    }

    /** The engine on {@code dir}, served on a free loopback port. */
    public static TestClickHouse start(Path dir) {
        return start(dir, FrontOptions.loopback(0, PASSWORD));
    }

    public static TestClickHouse start(Path dir, FrontOptions options) {
        TestClickHouse clickhouse = new TestClickHouse(dir, options);
        clickhouse.startAgain();
        return clickhouse;
    }

    /** Starts the engine and the front (again, on the same port, after {@link #stop()}). */
    public synchronized void startAgain() {
        engine = ChdbEngine.open(dir);
        try {
            server = ClickHouseHttpServer.start(engine, options);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        options = options.withPort(server.port());
    }

    /** Stops the front and the engine, as a crash of the server would look to a client. */
    public synchronized void stop() {
        if (server != null) server.close();
        if (engine != null) engine.close();
        server = null;
        engine = null;
    }

    public ChdbEngine engine() {
        return engine;
    }

    public String jdbcUrl() {
        return "jdbc:clickhouse:" + (options.tls() == null ? "http" : "https") + "://127.0.0.1:" + options.port() + "/default";
    }

    /** {@code http://127.0.0.1:PORT}, for plain HTTP clients. */
    public String httpUrl() {
        return "http://127.0.0.1:" + options.port();
    }

    public int port() {
        return options.port();
    }

    public String password() {
        return options.password();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), options.user(), options.password());
    }

    /** What a test sets up through JDBC before it starts (the schema, say). */
    @FunctionalInterface
    public interface Setup {
        void apply(Connection connection) throws SQLException;
    }

    /** Runs {@code setup} on a connection here. */
    public TestClickHouse setUp(Setup setup) {
        try (Connection c = connect()) {
            setup.apply(c);
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the test ClickHouse: " + e.getMessage(), e);
        }
    }

    /** The first column of the first row, as a number, through JDBC. */
    public long queryLong(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) throw new IllegalStateException("no row from " + sql);
            return rs.getLong(1);
        }
    }

    /** A statement run on the engine itself, past the front (setting up what a test observes). */
    public String engineQuery(String sql) {
        return new String(engine.query(sql, "TabSeparated"), StandardCharsets.UTF_8);
    }

    /** How long the front lets a connection idle. */
    public Duration idleTimeout() {
        return options.idleTimeout();
    }

    @Override
    public void close() {
        stop();
    }
}
