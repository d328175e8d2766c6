package org.earshot.local.clickhouse.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.earshot.local.clickhouse.ChdbEngine;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The part of ClickHouse's HTTP interface that the official clients use (the JDBC driver and
 * client-v2, {@code @clickhouse/client}, curl), served by Jetty in front of a {@link ChdbEngine};
 * {@link ClickHouseHttpHandler} says what a request does. Jetty reads headers without holding a
 * thread and closes a connection idle for {@link FrontOptions#idleTimeout()}, so a few slow
 * clients cannot stall the others. With {@link FrontOptions#tls()} it serves HTTPS only, as a
 * server's {@code https_port} does.
 */
public final class ClickHouseHttpServer implements AutoCloseable {
    /** ClickHouse's own limit on a query's text ({@code max_query_size}), for the URL too. */
    static final int MAX_HEADER_BYTES = 256 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final FrontOptions options;

    private ClickHouseHttpServer(Server server, ServerConnector connector, FrontOptions options) {
        this.server = server;
        this.connector = connector;
        this.options = options;
    }

    /** Serves {@code engine} as {@code options} say; returns once it listens. */
    public static ClickHouseHttpServer start(ChdbEngine engine, FrontOptions options) {
        QueuedThreadPool threads = new QueuedThreadPool(24, 2);
        threads.setName("clickhouse-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        // The Host header is checked by AccessCheck; clients reaching an IP address send no SNI to compare it with.
        if (options.tls() != null) http.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = options.tls() == null
                ? new ServerConnector(server, 1, 1, new HttpConnectionFactory(http))
                : new ServerConnector(server, 1, 1, new SslConnectionFactory(keys(options.tls()), "http/1.1"), new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(options.idleTimeout().toMillis());
        server.addConnector(connector);
        server.setHandler(new ClickHouseHttpHandler(engine, options));
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // Failed to start: nothing of it runs.
            }
            throw new UncheckedIOException(new IOException("cannot serve the embedded ClickHouse on "
                    + options.host() + ":" + options.port() + ": " + e.getMessage(), e));
        }
        return new ClickHouseHttpServer(server, connector, options);
    }

    private static SslContextFactory.Server keys(FrontOptions.Tls tls) {
        SslContextFactory.Server keys = new SslContextFactory.Server();
        keys.setKeyStorePath(tls.keyStore().toAbsolutePath().toString());
        keys.setKeyStoreType("PKCS12");
        keys.setKeyStorePassword(tls.password());
        return keys;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String host() {
        return options.host();
    }

    /** The JDBC URL of this server (without credentials: the password travels apart). */
    public String jdbcUrl() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "jdbc:clickhouse:" + (options.tls() == null ? "http" : "https") + "://" + host + ":" + port() + "/default";
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the ClickHouse front: " + e.getMessage(), e);
        }
    }
}
