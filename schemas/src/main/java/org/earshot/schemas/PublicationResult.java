package org.earshot.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What became of a publication, on the compacted {@code earshot.publications.results} (keyed by its id) and in
 * ClickHouse's {@code publications}: {@code posted} with the network's id and URL for it, {@code failed} with the
 * reason (a limit, a refusal, the last error after retries), or {@code cancelled} before it went out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PublicationResult {
    public static final String POSTED = "posted";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final List<String> STATUSES = List.of(POSTED, FAILED, CANCELLED);

    public String id;
    public String account;
    public String network;
    public String status;
    /** The network's id for the post (Mastodon's status id, Bluesky's {@code at://} URI). */
    public String remoteId;
    public String url;
    public String error;
    public String inReplyTo;
    public String text;
    public Instant scheduledAt;
    public Instant at;
    /** Requests made to the network for it, retries included. */
    public int attempts;

    public PublicationResult() {}

    /** The result of {@code p} with this status, at {@code at}. */
    public static PublicationResult of(Publication p, String status, Instant at) {
        PublicationResult r = new PublicationResult();
        r.id = p.id;
        r.account = p.account;
        r.network = p.network;
        r.status = status;
        r.inReplyTo = p.inReplyTo;
        r.text = p.text;
        r.scheduledAt = p.scheduledAt;
        r.at = at;
        return r;
    }

    @Override
    public String toString() {
        return "PublicationResult{" + id + " " + status + (error == null ? "" : ": " + error) + (url == null ? "" : " " + url) + "}";
    }
}
