package org.earshot.pipeline.publish;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.Fetched;
import org.earshot.schemas.Json;

/** Why an attempt to publish failed, and whether (and when) another may succeed. */
public final class PublishFailure extends Exception {
    final boolean retryable;
    /** When the network said to try again (its rate-limit reset or Retry-After); null: the usual backoff. */
    final Instant retryAt;

    private PublishFailure(String message, boolean retryable, Instant retryAt) {
        super(message, null, false, false);
        this.retryable = retryable;
        this.retryAt = retryAt;
    }

    public boolean retryable() {
        return retryable;
    }

    /** When the network said to try again; null when it did not. */
    public Instant retryAt() {
        return retryAt;
    }

    /** A refusal another try will not change: a limit, a bad token, an unknown post. */
    static PublishFailure refused(String message) {
        return new PublishFailure(message, false, null);
    }

    /** A failure worth another try, at {@code retryAt} when the network said, else after the backoff. */
    static PublishFailure retry(String message, Instant retryAt) {
        return new PublishFailure(message, true, retryAt);
    }

    /** A request that got no answer: time out, connection, DNS. Refused URLs are not retried. */
    static PublishFailure of(FetchException e) {
        return e.kind() == FetchException.Kind.REFUSED || e.kind() == FetchException.Kind.MALFORMED
                ? refused(e.getMessage()) : retry(e.getMessage(), null);
    }

    /**
     * The failure an HTTP status means: 429 and 5xx are tried again (429 when the network said to), everything
     * else is a refusal. {@code what} names the network's own error words.
     */
    static PublishFailure ofStatus(String network, int status, String what, Instant resetAt) {
        String message = network + " answered HTTP " + status + (what == null || what.isBlank() ? "" : ": " + what);
        if (status == 401 || status == 403) return refused(message + " (check the account's credential)");
        if (status == 429) return retry(message + " (rate limited" + (resetAt == null ? ")" : " until " + resetAt + ")"), resetAt);
        if (status == 408 || status >= 500) return retry(message, resetAt);
        return refused(message);
    }

    /** An API's answer as JSON: its error words on a failure; an empty object when it sent none, or no JSON. */
    static JsonNode body(Fetched response) {
        try {
            if (response.body().length > 0) return Json.mapper().readTree(response.body());
        } catch (IOException notJson) {
            // an HTML error page from a proxy, say: the status says enough
        }
        return Json.mapper().createObjectNode();
    }

    /** When a rate-limit reset given as a duration falls. */
    static Instant after(Duration wait) {
        return wait == null ? null : Instant.now().plus(wait);
    }
}
