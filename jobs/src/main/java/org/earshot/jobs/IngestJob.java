package org.earshot.jobs;

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
    public static final String SOURCES = "ingest.sources";
    public static final String ALLOW_PRIVATE = "ingest.allow-private";
    public static final String ALLOW_PRIVATE_HOSTS = "ingest.allow-private-hosts";

    private IngestJob() {}

    public static void main(String[] args) throws Exception {
        EarshotConfig config = EarshotConfig.fromArgs(args);
        KafkaSettings kafka = config.kafka().orElseThrow(() ->
                new IllegalArgumentException("set --" + EarshotConfig.KAFKA_BOOTSTRAP_SERVERS + " to the Kafka cluster"));
        SourcesFile.Sources sources = sources(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(config.getDuration("ingest.checkpoint-interval", Duration.ofSeconds(10)).toMillis(),
                CheckpointingMode.EXACTLY_ONCE);
        attach(env, kafka, sources.specs(), http(config, sources));
        env.execute(NAME);
    }

    /** The sources file named by {@code ingest.sources}. */
    public static SourcesFile.Sources sources(EarshotConfig config) {
        String file = config.get(SOURCES).orElseThrow(() ->
                new IllegalArgumentException("set " + SOURCES + " to a sources file (see README: Feeds and networks)"));
        return SourcesFile.read(Path.of(file));
    }

    /**
     * HTTP behaviour: private addresses only for the hosts the sources file allows, those of {@code
     * ingest.allow-private-hosts}, and with {@code ingest.allow-private=true} each source's own.
     */
    public static HttpSettings http(EarshotConfig config, SourcesFile.Sources sources) {
        Set<String> hosts = new TreeSet<>(sources.privateHosts());
        for (String host : config.get(ALLOW_PRIVATE_HOSTS, "").split(",")) if (!host.isBlank()) hosts.add(host.strip());
        if (config.getBoolean(ALLOW_PRIVATE, false)) sources.specs().forEach(spec -> hosts.addAll(spec.hosts()));
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
