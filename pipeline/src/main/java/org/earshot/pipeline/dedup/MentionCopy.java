package org.earshot.pipeline.dedup;

import java.time.Instant;

/** A mention dropped as a copy of an earlier one, and what gave it away (a Flink POJO). */
public class MentionCopy {
    public String originalId;
    public String copyId;
    public String copyNetwork;
    /** {@code url} (the same canonical URL) or {@code text} (near-identical text). */
    public String matchedBy;
    public Instant seenAt;

    public MentionCopy() {}

    public MentionCopy(String originalId, String copyId, String copyNetwork, String matchedBy, Instant seenAt) {
        this.originalId = originalId;
        this.copyId = copyId;
        this.copyNetwork = copyNetwork;
        this.matchedBy = matchedBy;
        this.seenAt = seenAt;
    }
}
