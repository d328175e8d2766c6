package org.earshot.pipeline.ingest.http;

import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * How Earshot behaves towards an upstream: who it says it is, how long it waits, how much it
 * accepts, how often it asks the same host, and which hosts may be private.
 *
 * @param perHostInterval the least time between two requests to one host
 * @param timeout the most time for a whole response, headers and body (a slow drip is cut off); for
 *     a stream, the most time without a byte
 * @param maxBytes the largest response body accepted (and the most a stream may send in one session)
 * @param maxMessageBytes the longest line of a stream, and the largest WebSocket message
 * @param privateHosts hosts that may resolve to loopback or private addresses (see {@link AddressPolicy})
 */
public record HttpSettings(String userAgent, Duration connectTimeout, Duration timeout, long maxBytes, int maxMessageBytes,
                           Duration perHostInterval, int maxRedirects, Set<String> privateHosts) implements Serializable {
    public static final String USER_AGENT = "Earshot/0.1 (social listening; +https://github.com/earshot/earshot)";

    public HttpSettings {
        privateHosts = Set.copyOf(privateHosts);
    }

    public static HttpSettings defaults() {
        return new HttpSettings(USER_AGENT, Duration.ofSeconds(5), Duration.ofSeconds(20), 10L << 20, 1 << 20,
                Duration.ofMillis(250), 5, Set.of());
    }

    /** These hosts may be private (a local mirror, the demo's stand-in networks). */
    public HttpSettings withPrivateHosts(Set<String> hosts) {
        return new HttpSettings(userAgent, connectTimeout, timeout, maxBytes, maxMessageBytes, perHostInterval, maxRedirects, hosts);
    }

    public HttpSettings withTimeout(Duration total) {
        return new HttpSettings(userAgent, connectTimeout, total, maxBytes, maxMessageBytes, perHostInterval, maxRedirects, privateHosts);
    }

    public HttpSettings withMaxBytes(long max) {
        return new HttpSettings(userAgent, connectTimeout, timeout, max, maxMessageBytes, perHostInterval, maxRedirects, privateHosts);
    }

    public HttpSettings withMaxMessageBytes(int max) {
        return new HttpSettings(userAgent, connectTimeout, timeout, maxBytes, max, perHostInterval, maxRedirects, privateHosts);
    }

    public HttpSettings withPerHostInterval(Duration interval) {
        return new HttpSettings(userAgent, connectTimeout, timeout, maxBytes, maxMessageBytes, interval, maxRedirects, privateHosts);
    }

    public AddressPolicy policy() {
        return new AddressPolicy(privateHosts, AddressPolicy.HTTP);
    }
}
