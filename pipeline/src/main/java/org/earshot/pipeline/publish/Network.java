package org.earshot.pipeline.publish;

import java.util.List;
import org.earshot.schemas.Publication;

/** One account's way onto its network: its limits, and one attempt to publish. Not thread-safe; one per account. */
public interface Network extends AutoCloseable {
    /** What a post may hold here (asked of the server once, then kept). */
    Limits limits() throws InterruptedException;

    /**
     * Publishes {@code p} once however often it is called for the same id: the network sees the id (as an
     * idempotency key, a record key, a webhook id) and makes no second post of it.
     */
    Sent publish(Publication p, List<MediaFile> media) throws PublishFailure, InterruptedException;

    @Override
    default void close() {}

    /** Where the post is: the network's id for it and its web address. */
    record Sent(String remoteId, String url) {}
}
