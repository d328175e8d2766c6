package org.earshot.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record a stage could not process, kept whole with the reason, so nothing is lost and the
 * problem can be fixed and the record replayed.
 */
public class DeadLetter {
    /** The original bytes exactly as read (base64 in JSON). */
    public byte[] payload;
    public String sourceTopic;
    public int sourcePartition;
    public long sourceOffset;
    /** The stage that refused it: {@code parse}, {@code validate}, {@code normalize}, … */
    public String stage;
    /** One sentence naming the problem, e.g. {@code missing required field 'id'}. */
    public String reason;
    public Instant failedAt;

    public DeadLetter() {}

    public DeadLetter(byte[] payload, String sourceTopic, int sourcePartition, long sourceOffset,
                      String stage, String reason, Instant failedAt) {
        this.payload = payload;
        this.sourceTopic = sourceTopic;
        this.sourcePartition = sourcePartition;
        this.sourceOffset = sourceOffset;
        this.stage = stage;
        this.reason = reason;
        this.failedAt = failedAt;
    }

    /** The payload decoded as UTF-8 (lossy), for people reading the dead letters. */
    public String payloadText() {
        return payload == null ? "" : new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d
                && Arrays.equals(payload, d.payload)
                && Objects.equals(sourceTopic, d.sourceTopic)
                && sourcePartition == d.sourcePartition
                && sourceOffset == d.sourceOffset
                && Objects.equals(stage, d.stage)
                && Objects.equals(reason, d.reason)
                && Objects.equals(failedAt, d.failedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceTopic, sourcePartition, sourceOffset, reason);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + sourceTopic + "@" + sourcePartition + ":" + sourceOffset + " " + stage + ": " + reason + "}";
    }
}
