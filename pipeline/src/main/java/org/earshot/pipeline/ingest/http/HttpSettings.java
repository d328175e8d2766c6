package org.earshot.pipeline.ingest.http;

import java.io.Serializable;
import java.time.Duration;

/**
 * How Earshot behaves towards an upstream: who it says it is, how long it waits, how much it
 * accepts, how often it asks the same host, and which addresses it may reach.
 *
 * @param perHostInterval the least time between two requests to one host
 * @param timeout the most time for a whole response, headers and body (a slow drip is cut off)
 * @param maxBytes the largest response body accepted
 */
public record HttpSettings(String userAgent, Duration connectTimeout, Duration timeout, long maxBytes,
                           Duration perHostInterval, int maxRedirects, boolean allowPrivate) implements Serializable {
    public static final String USER_AGENT = "Earshot/0.1 (social listening; +https://github.com/earshot/earshot)";

    public static HttpSettings defaults() {
        return new HttpSettings(USER_AGENT, Duration.ofSeconds(5), Duration.ofSeconds(20), 10L << 20,
                Duration.ofMillis(250), 5, false);
    }

    public HttpSettings withAllowPrivate(boolean allow) {
        return new HttpSettings(userAgent, connectTimeout, timeout, maxBytes, perHostInterval, maxRedirects, allow);
    }

    public HttpSettings withTimeout(Duration total) {
        return new HttpSettings(userAgent, connectTimeout, total, maxBytes, perHostInterval, maxRedirects, allowPrivate);
    }

    public HttpSettings withMaxBytes(long max) {
        return new HttpSettings(userAgent, connectTimeout, timeout, max, perHostInterval, maxRedirects, allowPrivate);
    }

    public HttpSettings withPerHostInterval(Duration interval) {
        return new HttpSettings(userAgent, connectTimeout, timeout, maxBytes, interval, maxRedirects, allowPrivate);
    }

    public AddressPolicy policy() {
        return new AddressPolicy(allowPrivate, AddressPolicy.HTTP);
    }
}
