package org.earshot.local.clickhouse.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import org.earshot.local.clickhouse.ClickHouseException;

/**
 * Who may use the front. Three checks before any SQL is read:
 * <ul>
 *   <li>{@code Host} must name this machine (a loopback name or address, the bound host, or one
 *       configured), so a web page that rebinds its own domain to 127.0.0.1 cannot read answers;
 *   <li>an {@code Origin} header means a web page sent the request: refused unless configured;
 *   <li>the user and password, from HTTP basic authentication, {@code X-ClickHouse-User}/{@code
 *       -Key}, or the {@code user}/{@code password} parameters, as ClickHouse takes them; compared in
 *       constant time. A malformed {@code Authorization} header is a failed login, not an error.
 * </ul>
 */
final class AccessCheck {
    private final FrontOptions options;

    AccessCheck(FrontOptions options) {
        this.options = options;
    }

    /** Throws code 497 (HTTP 403) unless {@code hostHeader} names this machine; null (HTTP/1.0) passes. */
    void checkHost(String hostHeader) {
        if (hostHeader == null) return;
        String host = hostName(hostHeader);
        if (isLoopbackName(host) || host.equalsIgnoreCase(options.host())
                || options.allowedHosts().stream().anyMatch(host::equalsIgnoreCase)) {
            return;
        }
        throw new ClickHouseException(497, "Host '" + printable(hostHeader) + "' is not a name of this server;"
                + " add it to clickhouse.embedded.allowed-hosts to serve it. (ACCESS_DENIED)");
    }

    /** Throws code 497 (HTTP 403) when a web page sent the request and its origin is not allowed. */
    void checkOrigin(String origin) {
        if (origin == null || options.allowedOrigins().contains(origin)) return;
        throw new ClickHouseException(497, "Requests from web pages (Origin: " + printable(origin) + ") are refused;"
                + " add the origin to clickhouse.embedded.allowed-origins to serve it. (ACCESS_DENIED)");
    }

    /** Throws code 516 (HTTP 401) unless the request carries the user and password. */
    void checkCredentials(String authorization, String userHeader, String keyHeader, String userParam, String passwordParam) {
        String user = firstNonNull(userHeader, userParam);
        String password = firstNonNull(keyHeader, passwordParam);
        if (authorization != null && password == null) {
            String[] basic = basic(authorization);
            if (basic != null) {
                user = basic[0];
                password = basic[1];
            }
        }
        if (user == null || user.isEmpty()) user = FrontOptions.DEFAULT_USER;
        boolean ok = password != null
                & MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8), options.user().getBytes(StandardCharsets.UTF_8))
                & MessageDigest.isEqual(bytes(password), options.password().getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            throw new ClickHouseException(516, printable(user) + ": Authentication failed: password is incorrect, or there is no user with such name."
                    + " (AUTHENTICATION_FAILED)");
        }
    }

    /** {@code [user, password]} from a Basic header, or null when it is not one that can be read. */
    private static String[] basic(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static String hostName(String hostHeader) {
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h : h.substring(1, close);
        }
        int colon = h.lastIndexOf(':');
        return colon >= 0 && h.indexOf(':') == colon ? h.substring(0, colon) : h;
    }

    private static boolean isLoopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) return true;
        if (!h.matches("[0-9.]+|[0-9a-f]*:[0-9a-f:.]*")) return false;
        try {
            // A literal address only: never a DNS lookup of what a client wrote.
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    /** At most 100 characters, controls removed: what a client sent is quoted back, never trusted. */
    static String printable(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 100 ? clean : clean.substring(0, 100) + "…";
    }
}
