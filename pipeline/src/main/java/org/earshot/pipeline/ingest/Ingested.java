package org.earshot.pipeline.ingest;

import java.nio.charset.StandardCharsets;
import org.earshot.schemas.Mention;

/**
 * What a network source hands on: a post as a {@link Mention}, the deletion of one (written to
 * {@code earshot.mentions} as a tombstone, key = mention id), or a payload it could not read (a
 * dead letter with the reason). A Flink POJO.
 */
public class Ingested {
    /** What this record is. */
    public enum Kind { MENTION, DELETION, PROBLEM }

    public Kind kind;
    public Mention mention;
    /** For a deletion, the id of the deleted mention. */
    public String deletedId;
    /** For a problem: where the payload came from, why it was refused, and the payload itself (bounded). */
    public String source;
    public String reason;
    public byte[] payload;

    public Ingested() {}

    public static Ingested mention(Mention mention) {
        Ingested i = new Ingested();
        i.kind = Kind.MENTION;
        i.mention = mention;
        return i;
    }

    public static Ingested deletion(String mentionId) {
        Ingested i = new Ingested();
        i.kind = Kind.DELETION;
        i.deletedId = mentionId;
        return i;
    }

    public static Ingested problem(String source, String reason, String payload) {
        Ingested i = new Ingested();
        i.kind = Kind.PROBLEM;
        i.source = source;
        i.reason = reason;
        i.payload = payload == null ? new byte[0] : payload.getBytes(StandardCharsets.UTF_8);
        return i;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MENTION -> "mention " + mention.id;
            case DELETION -> "deletion of " + deletedId;
            case PROBLEM -> "problem from " + source + ": " + reason;
        };
    }
}
