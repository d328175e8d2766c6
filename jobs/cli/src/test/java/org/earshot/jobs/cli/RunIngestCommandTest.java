package org.earshot.jobs.cli;

import org.earshot.pipeline.text.PlainText;
import org.earshot.pipeline.testing.TestKafka;
import org.earshot.jobs.KafkaArgs;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.earshot.jobs.KafkaTestClient;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.local.networks.LocalNetworks;
import org.earshot.pipeline.ingest.poll.Network;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code earshot run ingest --sources FILE} against a configured Kafka: the sources of the file
 * and the webhook land in {@code earshot.mentions}; a mistake in the file is one sentence.
 */
class RunIngestCommandTest {
    static final String TOKEN = "run-ingest-test-token-0123";
    @TempDir
    Path dir;

    @Test
    void runsTheSourcesOfTheFileAndTheWebhook() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("external-kafka"));
             LocalNetworks networks = new LocalNetworks()) {
            TopicAdmin.ensureTopics(TestKafka.settings(kafka), 1, Topics.all());
            List<String> texts = new ArrayList<>();
            for (Network n : List.of(Network.RSS, Network.HACKERNEWS)) {
                for (int i = 0; i < 4; i++) {
                    Mention m = new Mention();
                    m.text = "run ingest post " + i + " on " + n.label();
                    m.publishedAt = Instant.now();
                    networks.add(n.label(), m);
                    texts.add(m.text);
                }
            }
            Path sources = dir.resolve("sources.yaml");
            Files.writeString(sources, "allow-private: true\nsources:\n"
                    + "  - network: rss\n    url: " + networks.baseUrl(Network.RSS.label()) + "\n    every: 1 s\n"
                    + "  - network: hackernews\n    url: " + networks.baseUrl(Network.HACKERNEWS.label()) + "\n    every: 1 s\n");
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            List<String> args = new java.util.ArrayList<>(List.of("run", "ingest",
                    "--sources", sources.toString(), "--for", "12s", "--data", dir.resolve("data").toString(), "--set", "listen.checkpoint-interval=1s",
                    "--set", "ingest.webhook.port=" + port, "--set", "ingest.webhook.token=" + TOKEN));
            args.addAll(KafkaArgs.set(kafka));
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Earshot.commandLine().execute(args.toArray(String[]::new)));
            HttpResponse<String> posted = postWhenUp(port, "{\"id\":\"webhook:run-1\",\"network\":\"webhook\",\"text\":\"via the webhook\"}");
            assertThat(posted.statusCode()).isEqualTo(202);
            texts.add("via the webhook");

            assertThat(run.get()).isZero();
            assertThat(LocalFlink.latestCheckpoint(dir.resolve("data").resolve("checkpoints").resolve("ingest"))).isPresent();
            List<Mention> fetched = new KafkaTestClient(TestKafka.settings(kafka))
                    .readAll(Topics.MENTIONS, l -> l.size() >= texts.size(), Duration.ofSeconds(30), Duration.ofSeconds(1));
            assertThat(fetched).extracting(m -> PlainText.clean(m.text, 100_000)).as("as the Listen job cleans them")
                    .containsExactlyInAnyOrderElementsOf(texts);
        }

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "sources:\n  - network: mastodon\n    url: https://mastodon.social\n");
        CapturedRun r = CapturedRun.of("run", "ingest", "--sources", broken.toString(), "--data", dir.resolve("data2").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("sources file " + broken + ", source 1: mastodon source https://mastodon.social needs a tag or public: true");
    }

    private static HttpResponse<String> postWhenUp(int port, String body) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/mentions"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException notYet) {
                assertThat(System.nanoTime()).as("the webhook is up in time").isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }
}
