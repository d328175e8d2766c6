package org.earshot.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A reply or a post an analyst asked Earshot to publish, on the compacted {@code earshot.publications} (keyed by
 * {@link #id}): {@code scheduled} to go out at {@link #scheduledAt} (or at once), or {@code cancelled}, which is the
 * same record put again under the same id. The id is the idempotency key the networks see, so a retry, a restart or a
 * second copy of the record never makes a second post.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Publication {
    public static final String SCHEDULED = "scheduled";
    public static final String CANCELLED = "cancelled";

    /** {@code pub_} and 26 lower-case letters and digits. */
    public String id;
    /** The account it goes out from ({@code earshot accounts list}). */
    public String account;
    /** The account's network: mastodon, bluesky or webhook. */
    public String network;
    public String text;
    public List<Media> media = new ArrayList<>();
    /** The mention it answers ({@code mastodon:host/id}, {@code bluesky:at://…}); null for a post of its own. */
    public String inReplyTo;
    /** Mastodon's visibility: public, unlisted, private, direct; null is the account's default. */
    public String visibility;
    /** When it goes out; null or past (within the grace period): at once. */
    public Instant scheduledAt;
    public String status;
    /** When it was asked for: what a past {@link #scheduledAt} is measured against. */
    public Instant createdAt;
    public String createdBy;

    public Publication() {}

    /** An image to attach: a file the job can read or a URL it fetches, and its alt text. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Media {
        public String file;
        public String url;
        public String alt;

        public Media() {}

        public Media(String file, String url, String alt) {
            this.file = file;
            this.url = url;
            this.alt = alt;
        }
    }

    @Override
    public String toString() {
        return "Publication{" + id + " " + status + " from " + account + (inReplyTo == null ? "" : " to " + inReplyTo) + "}";
    }
}
