package org.earshot.pipeline.ingest.source;

import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.HttpSettings;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.pipeline.ingest.poll.SourceSpec;

/**
 * The configured feeds and networks as one FLIP-27 source: each {@link SourceSpec} is a split
 * whose cursor lives in checkpoints, so a restart resumes each source exactly where the last
 * checkpoint left it. Unbounded: sources are polled until the job stops.
 */
public final class NetworkSource implements Source<Ingested, PollSplit, PollEnumeratorState>, ResultTypeQueryable<Ingested> {
    private final List<SourceSpec> specs;
    private final HttpSettings http;

    public NetworkSource(List<SourceSpec> specs, HttpSettings http) {
        if (specs.isEmpty()) throw new IllegalArgumentException("no sources configured");
        long distinct = specs.stream().map(SourceSpec::id).distinct().count();
        if (distinct != specs.size()) throw new IllegalArgumentException("two sources share an id; give one of them an 'id'");
        this.specs = List.copyOf(specs);
        this.http = http;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<Ingested, PollSplit> createReader(SourceReaderContext context) {
        java.util.Map<String, SourceSpec> configured = new java.util.HashMap<>();
        specs.forEach(s -> configured.put(s.id(), s));
        return new PollSourceReader(() -> new PollSplitReader(new PoliteHttp(http), configured), context);
    }

    @Override
    public SplitEnumerator<PollSplit, PollEnumeratorState> createEnumerator(SplitEnumeratorContext<PollSplit> context) {
        return new PollEnumerator(context, specs, new PollEnumeratorState(Set.of(), List.of()));
    }

    @Override
    public SplitEnumerator<PollSplit, PollEnumeratorState> restoreEnumerator(SplitEnumeratorContext<PollSplit> context,
                                                                            PollEnumeratorState checkpoint) {
        return new PollEnumerator(context, specs, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<PollSplit> getSplitSerializer() {
        return new SplitCodec.Splits();
    }

    @Override
    public SimpleVersionedSerializer<PollEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new SplitCodec.States();
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return TypeInformation.of(Ingested.class);
    }
}
