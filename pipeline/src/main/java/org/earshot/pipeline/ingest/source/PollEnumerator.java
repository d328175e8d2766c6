package org.earshot.pipeline.ingest.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.earshot.pipeline.ingest.poll.Cursor;
import org.earshot.pipeline.ingest.poll.SourceSpec;

/**
 * Hands each configured source to one reader, spread by source id, once. A source added to the
 * configuration since the last checkpoint is handed out fresh; one returned by a failed reader
 * goes back to it when it registers again.
 */
final class PollEnumerator implements SplitEnumerator<PollSplit, PollEnumeratorState> {
    private final SplitEnumeratorContext<PollSplit> context;
    private final Set<String> assigned;
    private final List<PollSplit> pending;

    PollEnumerator(SplitEnumeratorContext<PollSplit> context, List<SourceSpec> specs, PollEnumeratorState restored) {
        this.context = context;
        this.assigned = new HashSet<>(restored.assigned());
        this.pending = new ArrayList<>(restored.pending());
        Set<String> known = new HashSet<>(assigned);
        restored.pending().forEach(s -> known.add(s.splitId()));
        for (SourceSpec spec : specs) {
            if (known.add(spec.id())) pending.add(new PollSplit(spec, Cursor.START));
        }
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<PollSplit> splits, int subtaskId) {
        for (PollSplit split : splits) {
            assigned.remove(split.splitId());
            pending.add(split);
        }
        if (context.registeredReaders().containsKey(subtaskId)) assignPending();
    }

    @Override
    public void addReader(int subtaskId) {
        assignPending();
    }

    private void assignPending() {
        int readers = context.currentParallelism();
        for (Iterator<PollSplit> it = pending.iterator(); it.hasNext(); ) {
            PollSplit split = it.next();
            int owner = Math.floorMod(split.splitId().hashCode(), readers);
            if (!context.registeredReaders().containsKey(owner)) continue; // handed out when that reader registers
            context.assignSplit(split, owner);
            assigned.add(split.splitId());
            it.remove();
        }
    }

    @Override
    public PollEnumeratorState snapshotState(long checkpointId) {
        return new PollEnumeratorState(Set.copyOf(assigned), List.copyOf(pending));
    }

    @Override
    public void close() {}
}
