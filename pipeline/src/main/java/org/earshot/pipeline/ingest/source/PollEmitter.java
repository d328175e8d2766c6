package org.earshot.pipeline.ingest.source;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.poll.Polled;

/** Hands a step's record downstream and moves its source's checkpointed cursor past it, together. */
final class PollEmitter implements RecordEmitter<Polled, Ingested, PollSplitState> {
    @Override
    public void emitRecord(Polled step, SourceOutput<Ingested> output, PollSplitState state) {
        if (step.record() != null) output.collect(step.record());
        state.cursor = step.cursor();
    }
}
