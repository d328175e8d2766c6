package org.earshot.pipeline.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.earshot.pipeline.kafka.RawRecord;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Json;
import org.earshot.schemas.Publication;
import org.earshot.schemas.Topics;

/**
 * Reads {@code earshot.publications} records. One that is no publication (not JSON, no id or account, an id other
 * than its key, a status other than scheduled or cancelled) leaves as a dead letter naming the problem; a tombstone is
 * compaction's business and is passed over.
 */
public final class ParsePublications extends ProcessFunction<RawRecord, Request> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("publication-dead-letters") {};

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<Request> out) {
        if (record.value == null || record.value.length == 0) return;
        String key = record.key == null ? null : new String(record.key, StandardCharsets.UTF_8);
        try {
            Publication p;
            try {
                p = Topics.PUBLICATIONS.deserialize(record.value);
            } catch (IOException e) {
                throw new IllegalArgumentException("not a publication JSON: " + e.getMessage());
            }
            if (p == null || p.id == null || !p.id.equals(key)) throw new IllegalArgumentException("a publication needs its id, the same as its Kafka key");
            if (p.account == null || p.account.isBlank()) throw new IllegalArgumentException("publication " + p.id + " names no account");
            if (!Publication.SCHEDULED.equals(p.status) && !Publication.CANCELLED.equals(p.status)) {
                throw new IllegalArgumentException("publication " + p.id + " has status '" + p.status + "'; a record says scheduled or cancelled");
            }
            out.collect(new Request(p.id, p.account, Json.toString(p), record.partition, record.offset));
        } catch (IllegalArgumentException e) {
            ctx.output(DEAD_LETTERS, new DeadLetter(record.value, record.topic, record.partition, record.offset, "publish", e.getMessage(), Instant.now()));
        }
    }
}
