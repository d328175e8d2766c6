package org.earshot.pipeline.ingest.source;

import org.apache.flink.api.connector.source.SourceSplit;
import org.earshot.pipeline.ingest.poll.Cursor;
import org.earshot.pipeline.ingest.poll.SourceSpec;

/** One configured source and its position: the unit Flink assigns to a reader and checkpoints. */
public record PollSplit(SourceSpec spec, Cursor cursor) implements SourceSplit {
    @Override
    public String splitId() {
        return spec.id();
    }
}
