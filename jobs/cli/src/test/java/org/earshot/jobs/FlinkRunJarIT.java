package org.earshot.jobs;

import org.earshot.pipeline.text.PlainText;
import org.earshot.pipeline.testing.TestKafka;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.earshot.local.demo.DemoMentions;
import org.earshot.schemas.FeedRecord;
import org.earshot.local.networks.LocalNetworks;
import org.earshot.pipeline.ingest.poll.Network;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar as {@code flink run} uses it: its {@code main} runs through Flink's
 * {@link PackagedProgram} with the jar's own class loader, and the job graph it builds, with the
 * jar attached, runs on a cluster (a MiniCluster loading user code from the jar) against a real
 * broker.
 */
class FlinkRunJarIT {
    private static final File JOB_JAR = new File("../flink/target/earshot-jobs-flink.jar");

    /**
     * On a real cluster flink-dist has no Kafka, so the connector ({@code org.apache.flink.*},
     * parent-first) and kafka-clients both come from the job jar. This test JVM has both on its own
     * class path; loading kafka-clients parent-first too keeps the two on one side, as on a
     * cluster, while Earshot's classes and resources still load child-first from the jar.
     */
    private static final Configuration CLASS_LOADING = new Configuration();

    static {
        CLASS_LOADING.setString("classloader.parent-first-patterns.additional", "org.apache.kafka.");
    }

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(CLASS_LOADING).setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    @TempDir
    Path dir;

    @Test
    void theJobJarRunsTheListenJobOnACluster(@InjectMiniCluster MiniCluster cluster) throws Exception {
        assertThat(JOB_JAR).as("built by mvn package").isFile();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            TopicAdmin.ensureTopics(TestKafka.settings(kafka), 1, Topics.all());
            DemoMentions generator = new DemoMentions(3L, 0.02, 0.01, 1_767_225_600_000L);
            List<FeedRecord> records = IntStream.range(0, 500).mapToObj(generator::generate).toList();
            KafkaTestClient client = new KafkaTestClient(TestKafka.settings(kafka));
            client.produce(Topics.MENTIONS, records);
            Set<String> expected = records.stream().filter(r -> r.kind == FeedRecord.Kind.VALID)
                    .map(r -> r.originalId).collect(Collectors.toSet());

            PackagedProgram program = PackagedProgram.newBuilder()
                    .setJarFile(JOB_JAR)
                    .setArguments(with(KafkaArgs.job(kafka), "--listen.checkpoint-interval", "500ms"))
                    .setConfiguration(CLASS_LOADING)
                    .build();
            assertThat(program.getUserCodeClassLoader().loadClass(ListenJob.class.getName()).getClassLoader())
                    .as("Earshot's classes come from the job jar").isNotSameAs(ListenJob.class.getClassLoader());
            JobGraph graph = PackagedProgramUtils.createJobGraph(program, CLASS_LOADING, 1, new JobID(), false);
            assertThat(graph.getUserJars()).isNotEmpty();
            assertThat(graph.getName()).isEqualTo(ListenJob.NAME);

            JobID job = cluster.submitJob(graph).get().getJobID();
            try {
                List<Mention> enriched = client.readAll(Topics.MENTIONS_ENRICHED, l -> l.size() >= expected.size(),
                        Duration.ofMinutes(2), Duration.ofSeconds(2));
                assertThat(enriched.stream().map(m -> m.id).collect(Collectors.toList()))
                        .doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(expected);
            } finally {
                cluster.cancelJob(job).get();
            }
        }
    }

    @Test
    void theJobJarRunsTheIngestJobOnACluster(@InjectMiniCluster MiniCluster cluster) throws Exception {
        assertThat(JOB_JAR).as("built by mvn package").isFile();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             LocalNetworks networks = new LocalNetworks()) {
            TopicAdmin.ensureTopics(TestKafka.settings(kafka), 1, Topics.all());
            List<Network> polled = List.of(Network.RSS,
                    Network.MASTODON, Network.REDDIT,
                    Network.HACKERNEWS);
            StringBuilder yaml = new StringBuilder("allow-private: true\nsources:\n");
            Set<String> texts = new HashSet<>();
            for (Network n : polled) {
                for (int i = 0; i < 5; i++) {
                    Mention m = new Mention();
                    m.text = "jar post " + i + " on " + n.label();
                    m.publishedAt = Instant.now();
                    networks.add(n.label(), m);
                    texts.add(m.text);
                }
                yaml.append("  - network: ").append(n.label()).append("\n    url: ").append(networks.baseUrl(n.label())).append("\n    every: 1 s\n");
                if (n == Network.MASTODON) yaml.append("    tag: earshot\n");
                if (n == Network.REDDIT) yaml.append("    subreddit: earshot\n");
            }
            Path sources = dir.resolve("sources.yaml");
            Files.writeString(sources, yaml);

            PackagedProgram program = PackagedProgram.newBuilder()
                    .setJarFile(JOB_JAR)
                    .setEntryPointClassName(IngestJob.class.getName())
                    .setArguments(with(KafkaArgs.job(kafka), "--ingest.sources", sources.toString(), "--ingest.checkpoint-interval", "500ms"))
                    .setConfiguration(CLASS_LOADING)
                    .build();
            JobGraph graph = PackagedProgramUtils.createJobGraph(program, CLASS_LOADING, 1, new JobID(), false);
            assertThat(graph.getName()).isEqualTo(IngestJob.NAME);
            JobID job = cluster.submitJob(graph).get().getJobID();
            try {
                KafkaTestClient client = new KafkaTestClient(TestKafka.settings(kafka));
                List<Mention> fetched = client.readAll(Topics.MENTIONS, l -> l.size() >= texts.size(), Duration.ofMinutes(2), Duration.ofSeconds(2));
                assertThat(fetched.stream().map(m -> PlainText.clean(m.text, 100_000)).collect(Collectors.toList()))
                        .as("as the Listen job cleans them").containsExactlyInAnyOrderElementsOf(texts);
            } finally {
                cluster.cancelJob(job).get();
            }
        }
    }

    private static String[] with(List<String> first, String... more) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
