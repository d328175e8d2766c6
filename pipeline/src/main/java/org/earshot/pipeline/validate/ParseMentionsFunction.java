package org.earshot.pipeline.validate;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.earshot.pipeline.kafka.RawRecord;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Mention;

/**
 * The Listen job's parse-and-validate stage: valid mentions go on, everything else leaves through
 * {@link #DEAD_LETTERS} with its original bytes, position and reason. Never fails on data.
 */
public final class ParseMentionsFunction extends ProcessFunction<RawRecord, Mention> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
    /** The ids of deleted mentions: tombstones on the topic (a key and no value). */
    public static final OutputTag<String> DELETED = new OutputTag<>("deleted") {};
    /** Accumulator names, read by the demo's live view. */
    public static final String PARSED = "mentions-parsed";
    public static final String REFUSED = "dead-letters";
    public static final String DELETIONS = "deletions";

    private final Duration maxClockSkew;
    private transient LongCounter parsed;
    private transient LongCounter refused;
    private transient LongCounter deletions;

    /** @param maxClockSkew how far a post's time may run ahead of its fetch (see {@link MentionParser}) */
    public ParseMentionsFunction(Duration maxClockSkew) {
        this.maxClockSkew = maxClockSkew;
    }

    @Override
    public void open(OpenContext context) {
        parsed = new LongCounter();
        refused = new LongCounter();
        getRuntimeContext().addAccumulator(PARSED, parsed);
        getRuntimeContext().addAccumulator(REFUSED, refused);
        deletions = new LongCounter();
        getRuntimeContext().addAccumulator(DELETIONS, deletions);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<Mention> out) {
        if ((record.value == null || record.value.length == 0) && record.key != null && record.key.length > 0) {
            // A tombstone (the source reads a null value as empty): a network said this post was
            // deleted (see ingest.Ingested). Without a key, an empty record is a dead letter below.
            deletions.add(1);
            ctx.output(DELETED, new String(record.key, java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        ParseResult result = MentionParser.parse(record.value, record.timestamp, maxClockSkew);
        if (result instanceof ParseResult.Parsed p) {
            parsed.add(1);
            out.collect(p.mention());
        } else if (result instanceof ParseResult.Refused r) {
            refused.add(1);
            ctx.output(DEAD_LETTERS, new DeadLetter(record.value, record.topic, record.partition, record.offset,
                    r.stage(), r.reason(), Instant.now()));
        }
    }
}
