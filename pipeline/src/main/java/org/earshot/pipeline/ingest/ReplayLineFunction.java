package org.earshot.pipeline.ingest;

import org.earshot.schemas.FeedRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;

/**
 * One replayed line to the payload for {@code earshot.mentions}: a JSON line as it is (the
 * Listen job judges it), a text line as a new Mention. Blank lines are skipped.
 */
public final class ReplayLineFunction implements FlatMapFunction<String, FeedRecord> {
    private final ReplayFormat format;
    private final String source;

    /** @param source names the replayed file in the ids of text mentions */
    public ReplayLineFunction(ReplayFormat format, String source) {
        if (format == ReplayFormat.CSV) {
            throw new IllegalArgumentException("CSV records may span lines; replay CSV with the earshot replay command");
        }
        this.format = format;
        this.source = source;
    }

    @Override
    public void flatMap(String line, Collector<FeedRecord> out) {
        if (line.isBlank()) return;
        if (format == ReplayFormat.JSONL) {
            out.collect(new FeedRecord(idOf(line), line.getBytes(StandardCharsets.UTF_8), null, null, null));
        } else {
            Mention m = ReplayFormat.textMention(source, line, Instant.now());
            out.collect(new FeedRecord(m.id, ReplayFormat.payload(m), null, m.id, null));
        }
    }

    /** The id of a JSON line, for the Kafka key; null when the line is not a JSON object with one. */
    public static String idOf(String line) {
        try {
            return Json.mapper().readTree(line).path("id").textValue();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
