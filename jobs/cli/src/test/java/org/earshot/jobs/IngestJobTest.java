package org.earshot.jobs;

import org.earshot.pipeline.testing.EarshotKafka;
import org.earshot.jobs.demo.DemoNetworks;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.pipeline.text.PlainText;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.pipeline.ingest.http.HttpSettings;
import org.earshot.local.networks.LocalNetworks;
import org.earshot.pipeline.ingest.poll.Network;
import org.earshot.schemas.Author;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ingest job against the local networks, through the real broker: every post of every network
 * arrives in {@code earshot.mentions} once, and a job stopped mid-stream resumes from its
 * checkpoint with no gap and no duplicate.
 */
class IngestJobTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final EarshotKafka kafka = new EarshotKafka();
    KafkaTestClient client;
    LocalNetworks networks;
    final List<String> posted = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        client = new KafkaTestClient(kafka.settings());
        networks = new LocalNetworks();
    }

    @AfterEach
    void stop() throws Exception {
        networks.close();
    }

    void post(int perNetwork) {
        for (Network n : Network.values()) {
            for (int i = 0; i < perNetwork; i++) {
                Mention m = new Mention();
                m.text = "post " + posted.size() + " on " + n.label() + " about #earshot";
                m.author = new Author("author" + posted.size() % 5, null, null, 100L);
                m.lang = "en";
                m.publishedAt = Instant.now();
                networks.add(n.label(), m);
                posted.add(m.text);
            }
        }
    }

    JobClient startIngest(boolean fresh) throws Exception {
        StreamExecutionEnvironment env = LocalFlink.environment(dir.resolve("checkpoints"), Duration.ofMillis(500), 2, fresh);
        HttpSettings http = HttpSettings.defaults().withPrivateHosts(java.util.Set.of("127.0.0.1")).withPerHostInterval(Duration.ZERO);
        IngestJob.attach(env, kafka.settings(), DemoNetworks.sources(networks, Duration.ofMillis(300)), http);
        return env.executeAsync(IngestJob.NAME);
    }

    void awaitJetstream(int sessions) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (networks.jetstreamSessions() < sessions && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(networks.jetstreamSessions()).isGreaterThanOrEqualTo(sessions);
    }

    List<Mention> mentions(int expected, Duration quiet) throws Exception {
        return client.readAll(Topics.MENTIONS, l -> l.size() >= expected, Duration.ofMinutes(2), quiet);
    }

    @Test
    void everyPostOfEveryNetworkArrivesOnceAcrossARestart() throws Exception {
        JobClient first = startIngest(true);
        awaitJetstream(2); // a fresh Bluesky source listens from its first connection on
        post(30);
        List<Mention> before = mentions(posted.size(), Duration.ZERO);
        assertThat(before.size()).isGreaterThanOrEqualTo(posted.size());
        post(15); // flowing while the job is stopped
        LocalFlink.cancel(first, Duration.ofMinutes(1));
        assertThat(LocalFlink.latestCheckpoint(dir.resolve("checkpoints"))).isPresent();
        post(10); // published while nothing listens (a feed keeps only its newest 50 items)

        JobClient second = startIngest(false);
        try {
            List<Mention> all = mentions(posted.size(), Duration.ofSeconds(3));
            // Ingest keeps each network's markup (a feed's HTML); the Listen job cleans it.
            assertThat(all.stream().map(m -> PlainText.clean(m.text, 100_000)).toList()).containsExactlyInAnyOrderElementsOf(posted);
            assertThat(all.stream().map(m -> m.id).collect(Collectors.toSet())).hasSize(posted.size());
            Set<String> networksSeen = all.stream().map(m -> m.network).collect(Collectors.toSet());
            assertThat(networksSeen).containsExactlyInAnyOrder("rss", "mastodon", "bluesky", "reddit", "hackernews");
            assertThat(all).allSatisfy(m -> {
                assertThat(m.publishedAt).isNotNull();
                assertThat(m.author).isNotNull();
                assertThat(new MentionNormalizer(100_000).normalize(m).hashtags).contains("earshot");
            });
        } finally {
            LocalFlink.cancel(second, Duration.ofMinutes(1));
        }
    }
}
