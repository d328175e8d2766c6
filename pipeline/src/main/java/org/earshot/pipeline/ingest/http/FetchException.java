package org.earshot.pipeline.ingest.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * A fetch that did not produce a usable response, with a message naming the URL and the problem.
 * {@link #kind} tells a poller what to do next: back off and retry, or give up on the request.
 */
public final class FetchException extends IOException {
    /** Why the fetch failed. */
    public enum Kind {
        /** The URL is not allowed (scheme, private address, credentials): retrying will not help. */
        REFUSED,
        /** The upstream sent more than the response size limit. */
        TOO_LARGE,
        /** No complete response within the time limit. */
        TIMEOUT,
        /** DNS, connection or protocol failure. */
        NETWORK,
        /** An HTTP status that is not success: 429 and 5xx are worth retrying later, 4xx rarely. */
        STATUS,
        /** The body arrived but is not what the network sends (malformed JSON or XML, hostile XML). */
        MALFORMED
    }

    private final Kind kind;
    private final URI uri;
    private final int status;
    private final Duration retryAfter;

    public FetchException(Kind kind, URI uri, String message, Throwable cause) {
        this(kind, uri, message, cause, 0, null);
    }

    private FetchException(Kind kind, URI uri, String message, Throwable cause, int status, Duration retryAfter) {
        super(message, cause);
        this.kind = kind;
        this.uri = uri;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static FetchException refused(URI uri, String why) {
        return new FetchException(Kind.REFUSED, uri, "refused " + uri + ": " + why, null);
    }

    public static FetchException status(URI uri, int status, Duration retryAfter) {
        String wait = retryAfter == null ? "" : " (Retry-After " + retryAfter.toSeconds() + " s)";
        return new FetchException(Kind.STATUS, uri, uri + " answered HTTP " + status + wait, null, status, retryAfter);
    }

    public static FetchException malformed(URI uri, String what, Throwable cause) {
        return new FetchException(Kind.MALFORMED, uri, "malformed payload from " + uri + ": " + what, cause);
    }

    public Kind kind() {
        return kind;
    }

    public URI uri() {
        return uri;
    }

    /** The HTTP status for {@link Kind#STATUS}, else 0. */
    public int status() {
        return status;
    }

    /** How long the upstream asked us to wait, when it said. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether the same request may succeed later (everything but refusals and plain 4xx). */
    public boolean retriable() {
        return switch (kind) {
            case REFUSED, MALFORMED, TOO_LARGE -> false;
            case STATUS -> status == 429 || status == 408 || status >= 500;
            default -> true;
        };
    }
}
