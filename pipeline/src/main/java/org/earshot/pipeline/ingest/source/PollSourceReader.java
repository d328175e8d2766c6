package org.earshot.pipeline.ingest.source;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.poll.Polled;

/** One subtask's share of the sources, fetched on one thread, positions checkpointed per source. */
final class PollSourceReader extends SingleThreadMultiplexSourceReaderBase<Polled, Ingested, PollSplit, PollSplitState> {
    PollSourceReader(Supplier<SplitReader<Polled, PollSplit>> splitReader, SourceReaderContext context) {
        super(splitReader, new PollEmitter(), new Configuration(), context);
    }

    @Override
    protected void onSplitFinished(Map<String, PollSplitState> finished) {}

    @Override
    protected PollSplitState initializedState(PollSplit split) {
        return new PollSplitState(split);
    }

    @Override
    protected PollSplit toSplitType(String splitId, PollSplitState state) {
        return state.toSplit();
    }
}
