package org.earshot.jobs;

import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.settings.IngestKeys;
import org.earshot.jobs.settings.KafkaKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.pipeline.ingest.CountIngested;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.IngestedSerializer;
import org.earshot.pipeline.ingest.http.HttpSettings;
import org.earshot.pipeline.ingest.poll.SourceSpec;
import org.earshot.pipeline.ingest.poll.SourcesFile;
import org.earshot.pipeline.ingest.source.NetworkSource;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.KafkaTopics;

/**
 * The Ingest job: the configured feeds and networks → {@code earshot.mentions} (mentions, and
 * tombstones for deleted posts) and {@code earshot.deadletters} (payloads that could not be read),
 * exactly once: each source's cursor and the Kafka transaction commit on the same checkpoint.
 *
 * <pre>
 *   sources file ─► NetworkSource (one split per source, cursors in checkpoints)
 *                      └─► earshot.mentions / earshot.deadletters (transactional)
 * </pre>
 *
 * <pre>flink run -c org.earshot.jobs.IngestJob earshot-jobs-flink.jar --kafka.bootstrap-servers B:9092 \
 *     --ingest.sources /etc/earshot/sources.yaml</pre>
 */
public final class IngestJob {
    public static final String NAME = "earshot-ingest";

    private IngestJob() {}

    public static void main(String[] args) throws Exception {
        EarshotConfig config = EarshotConfig.fromArgs(args);
        KafkaSettings kafka = config.kafka().orElseThrow(() ->
                new IllegalArgumentException("set --" + KafkaKeys.BOOTSTRAP_SERVERS.key() + " to the Kafka cluster"));
        SourcesFile.Sources sources = sources(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobState.onCluster(config));
        env.enableCheckpointing(config.get(IngestKeys.CHECKPOINT_INTERVAL).toMillis(),
                CheckpointingMode.EXACTLY_ONCE);
        attach(env, kafka, sources.specs(), http(config, sources));
        env.execute(NAME);
    }

    /** The sources file named by {@code ingest.sources}. */
    public static SourcesFile.Sources sources(EarshotConfig config) {
        return SourcesFile.read(config.require(IngestKeys.SOURCES, "to a sources file (see pipeline/README.md: Feeds and networks)"));
    }

    /**
     * HTTP behaviour: private addresses only for the hosts the sources file allows, those of {@code
     * ingest.allow-private-hosts}, and with {@code ingest.allow-private=true} each source's own.
     */
    public static HttpSettings http(EarshotConfig config, SourcesFile.Sources sources) {
        Set<String> hosts = new TreeSet<>(sources.privateHosts());
        hosts.addAll(config.get(IngestKeys.ALLOW_PRIVATE_HOSTS));
        if (config.get(IngestKeys.ALLOW_PRIVATE)) sources.specs().forEach(spec -> hosts.addAll(spec.hosts()));
        return HttpSettings.defaults().withPrivateHosts(hosts);
    }

    public static void attach(StreamExecutionEnvironment env, KafkaSettings kafka, List<SourceSpec> specs, HttpSettings http) {
        build(env, specs, http)
                .sinkTo(KafkaTopics.sink(kafka, new IngestedSerializer(), "earshot-ingest"))
                .name("earshot.mentions / earshot.deadletters").uid("ingest-sink");
    }

    /** The sources as one stream of mentions, deletions and problems. */
    public static DataStream<Ingested> build(StreamExecutionEnvironment env, List<SourceSpec> specs, HttpSettings http) {
        return env.fromSource(new NetworkSource(specs, http), WatermarkStrategy.noWatermarks(), "feeds and networks")
                .uid("network-source")
                .map(new CountIngested()).name("count").uid("ingest-count");
    }
}
