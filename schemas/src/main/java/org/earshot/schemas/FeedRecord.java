package org.earshot.schemas;

/**
 * A payload on its way into {@code earshot.mentions}: the Kafka key and value bytes, plus what the
 * generator meant it to be (tests use {@link #kind} to know the expected outcome).
 */
public class FeedRecord {
    public String key;
    public byte[] value;
    public Kind kind;
    /** For a duplicate, the id of the mention it copies; for a valid record, its own id. */
    public String originalId;
    /** For a malformed record, a phrase the dead letter's reason must contain. */
    public String expectedReason;

    /** What the generator meant a record to be. */
    public enum Kind { VALID, DUPLICATE, MALFORMED }

    public FeedRecord() {}

    public FeedRecord(String key, byte[] value, Kind kind, String originalId, String expectedReason) {
        this.key = key;
        this.value = value;
        this.kind = kind;
        this.originalId = originalId;
        this.expectedReason = expectedReason;
    }
}
