package org.earshot.jobs.webhook;

import org.earshot.pipeline.testing.EarshotKafka;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The webhook source against the real broker: accepted mentions are in Kafka, refused ones say why. */
@org.junit.jupiter.api.Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class WebhookServerTest {
    static final String TOKEN = "a-long-enough-test-token";
    @TempDir
    static Path dir;
    @RegisterExtension
    static final EarshotKafka kafka = new EarshotKafka();
    static KafkaMentionWriter writer;
    static WebhookServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        writer = new KafkaMentionWriter(kafka.settings());
        server = new WebhookServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TOKEN, writer);
    }

    @AfterAll
    static void stop() {
        server.close();
        writer.close();
    }

    static HttpResponse<String> post(String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + WebhookServer.PATH))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<Mention> read(int expected) throws Exception {
        Properties props = kafka.settings().toProperties();
        List<Mention> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition p = new TopicPartition(Topics.MENTIONS.name(), 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Mention m = Topics.MENTIONS.deserialize(r.value());
                    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(m.id);
                    out.add(m);
                }
            }
        }
        return out;
    }

    @Test
    void acceptsOneOrManyAndRefusesBadRequestsWithTheReason() throws Exception {
        HttpResponse<String> one = post(TOKEN, "{\"id\":\"webhook:1\",\"network\":\"webhook\",\"text\":\"hello from a collector\"}");
        assertThat(one.statusCode()).isEqualTo(202);
        assertThat(one.body()).isEqualTo("{\"accepted\":1}");
        HttpResponse<String> many = post(TOKEN, "[{\"id\":\"webhook:2\",\"network\":\"webhook\",\"text\":\"two\"},"
                + "{\"id\":\"webhook:3\",\"network\":\"webhook\",\"text\":\"three\"}]");
        assertThat(many.statusCode()).isEqualTo(202);

        HttpResponse<String> missing = post(TOKEN, "[{\"id\":\"webhook:4\",\"network\":\"webhook\",\"text\":\"ok\"},{\"network\":\"webhook\",\"text\":\"no id\"}]");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("mention [1]: missing required field 'id'");
        HttpResponse<String> broken = post(TOKEN, "{\"id\": ");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("invalid JSON");
        assertThat(post(TOKEN, "{\"id\":\"x\",\"network\":\"webhook\",\"text\":5,\"likes\":[}").statusCode()).isEqualTo(400);
        assertThat(post(TOKEN, "[]").body()).contains("empty array");
        HttpResponse<String> wrong = post("wrong-token-wrong-token", "{}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("connection")).as("its body unread, the connection is not reused").hasValue("close");
        assertThat(post(null, "{}").statusCode()).isEqualTo(401);
        String huge = "\"" + "x".repeat(WebhookServer.MAX_BODY_BYTES + 10) + "\"";
        for (int i = 0; i < 5; i++) assertThat(post(TOKEN, huge).statusCode()).as("oversized body, try %d", i).isEqualTo(413);
        // A raw socket: the JDK 17 client waits forever when a 100-continue request is answered with a final status.
        try (java.net.Socket asking = new java.net.Socket(InetAddress.getLoopbackAddress(), server.port())) {
            asking.setSoTimeout(30_000);
            asking.getOutputStream().write(("POST " + WebhookServer.PATH + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + huge.length() + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(asking.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            assertThat(answer).as("refused before the body is sent").isEqualTo("HTTP/1.1 413");
        }
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + WebhookServer.PATH)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);

        List<Mention> written = read(3);
        assertThat(written).extracting(m -> m.id).containsExactly("webhook:1", "webhook:2", "webhook:3");
        assertThat(written).allSatisfy(m -> assertThat(m.fetchedAt).isNotNull());
    }

    @Test
    void clientsThatNeverFinishARequestStallNobodyAndAreCutOff() throws Exception {
        List<Mention> taken = java.util.Collections.synchronizedList(new ArrayList<>());
        try (WebhookServer guarded = new WebhookServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TOKEN, taken::addAll,
                Duration.ofSeconds(2))) {
            List<java.net.Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 64; i++) {
                    java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), guarded.port());
                    s.getOutputStream().write(("POST " + WebhookServer.PATH + " HTTP/1.1\r\nHost: localhost\r\nAuthor").getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    slow.add(s);
                }
                HttpResponse<String> meanwhile = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guarded.port() + WebhookServer.PATH))
                        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"webhook:slow-1\",\"network\":\"webhook\",\"text\":\"served\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(meanwhile.statusCode()).as(meanwhile.body()).isEqualTo(202);
                assertThat(taken).extracting(m -> m.id).containsExactly("webhook:slow-1");
                for (java.net.Socket s : slow) {
                    s.setSoTimeout(60_000);
                    String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                    assertThat(answer).as("closed by the server").satisfiesAnyOf(a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 408"));
                }
            } finally {
                for (java.net.Socket s : slow) s.close();
            }
        }
    }

    @Test
    void aMalformedAuthorizationHeaderIsAnswered401() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + WebhookServer.PATH))
                .header("Authorization", "Basic !!!").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }
}
