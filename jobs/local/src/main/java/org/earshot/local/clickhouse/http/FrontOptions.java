package org.earshot.local.clickhouse.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How the ClickHouse front listens and whom it serves.
 *
 * @param host the address it binds to (127.0.0.1 unless configured otherwise)
 * @param port the port, 0 for a free one
 * @param user the one user it knows ({@code default})
 * @param password the user's password; required on every request but {@code /ping}
 * @param allowedHosts {@code Host} header names served besides the loopback ones (and {@code host})
 * @param allowedOrigins web pages ({@code Origin} values) whose requests are served; none by default
 * @param externalAccess whether statements may reach files, URLs, other servers or programs
 * @param idleTimeout how long a connection may send nothing, headers included, before it is closed
 * @param tls the key and certificate to serve HTTPS with, or null for plain HTTP
 */
public record FrontOptions(String host, int port, String user, String password, Set<String> allowedHosts,
                           Set<String> allowedOrigins, boolean externalAccess, Duration idleTimeout, Tls tls) {
    public static final String LOOPBACK = "127.0.0.1";
    public static final String DEFAULT_USER = "default";
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * A PKCS#12 key store holding the server's private key and certificate chain.
     *
     * @param keyStore the file
     * @param password its password (never shown)
     */
    public record Tls(Path keyStore, String password) {
        @Override
        public String toString() {
            return "Tls[" + keyStore + "]";
        }
    }

    public FrontOptions {
        if (password == null || password.isEmpty()) throw new IllegalArgumentException("the ClickHouse front needs a password");
        allowedHosts = Set.copyOf(allowedHosts);
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** On 127.0.0.1, user {@code default} with {@code password}, nothing else allowed. */
    public static FrontOptions loopback(int port, String password) {
        return new FrontOptions(LOOPBACK, port, DEFAULT_USER, password, Set.of(), Set.of(), false, IDLE_TIMEOUT, null);
    }

    public FrontOptions withIdleTimeout(Duration timeout) {
        return new FrontOptions(host, port, user, password, allowedHosts, allowedOrigins, externalAccess, timeout, tls);
    }

    public FrontOptions withExternalAccess(boolean allowed) {
        return new FrontOptions(host, port, user, password, allowedHosts, allowedOrigins, allowed, idleTimeout, tls);
    }

    /** HTTPS only, with this key and certificate. */
    public FrontOptions withTls(Tls identity) {
        return new FrontOptions(host, port, user, password, allowedHosts, allowedOrigins, externalAccess, idleTimeout, identity);
    }

    /** The same, on {@code newPort}. */
    public FrontOptions withPort(int newPort) {
        return new FrontOptions(host, newPort, user, password, allowedHosts, allowedOrigins, externalAccess, idleTimeout, tls);
    }

    /** Shown without the password. */
    @Override
    public String toString() {
        return "FrontOptions[host=" + host + ", port=" + port + ", user=" + user + ", allowedHosts=" + allowedHosts
                + ", allowedOrigins=" + allowedOrigins + ", externalAccess=" + externalAccess + ", idleTimeout=" + idleTimeout
                + ", tls=" + tls + "]";
    }
}
