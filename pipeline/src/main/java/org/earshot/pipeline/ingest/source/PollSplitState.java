package org.earshot.pipeline.ingest.source;

import org.earshot.pipeline.ingest.poll.Cursor;
import org.earshot.pipeline.ingest.poll.SourceSpec;

/** A source's position as of the last record handed downstream: what a checkpoint records. */
final class PollSplitState {
    final SourceSpec spec;
    Cursor cursor;

    PollSplitState(PollSplit split) {
        this.spec = split.spec();
        this.cursor = split.cursor();
    }

    PollSplit toSplit() {
        return new PollSplit(spec, cursor);
    }
}
