package org.earshot.pipeline.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.HttpSettings;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.pipeline.ingest.poll.Cursor;
import org.earshot.pipeline.ingest.poll.Network;
import org.earshot.pipeline.ingest.poll.Polled;
import org.earshot.pipeline.ingest.poll.SourceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A source whose upstream misbehaves keeps running: hostile or broken payloads become problems
 * (dead letters) with their reason, 429 and 5xx are backed off as the upstream asks, and the
 * next good answer is read as usual.
 */
class PollSplitReaderTest {
    static final String GOOD = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
            + "<item><guid>g1</guid><title>Hello</title><description>first post</description></item></channel></rss>";
    static final String[] ANSWERS = {
        "<rss><channel><item><title>unclosed",
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&x;</title></channel></rss>",
        "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><rss><channel><title>&c;</title></channel></rss>",
        "503",
        "429",
        GOOD};
    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    final List<Long> times = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/feed", e -> {
            int n = requests.getAndIncrement();
            synchronized (times) {
                times.add(System.nanoTime());
            }
            String answer = ANSWERS[Math.min(n, ANSWERS.length - 1)];
            if (answer.equals("503") || answer.equals("429")) {
                e.getResponseHeaders().set("Retry-After", "1");
                e.sendResponseHeaders(Integer.parseInt(answer), -1);
                e.close();
                return;
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            e.sendResponseHeaders(200, body.length);
            try (OutputStream out = e.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void badAnswersAreProblemsOrBackoffsAndTheSourceCarriesOn() throws Exception {
        SourceSpec spec = SourceSpec.of(Network.RSS, "http://127.0.0.1:" + server.getAddress().getPort() + "/feed").every(Duration.ofMillis(50));
        PollSplitReader reader = new PollSplitReader(new PoliteHttp(HttpSettings.defaults().withPrivateHosts(java.util.Set.of("127.0.0.1"))
                .withPerHostInterval(Duration.ZERO)), Map.of(spec.id(), spec));
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(new PollSplit(spec, Cursor.START))));
        List<Ingested> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (out.stream().noneMatch(i -> i.kind == Ingested.Kind.MENTION) && System.nanoTime() < deadline) {
            RecordsWithSplitIds<Polled> batch = reader.fetch();
            for (String split = batch.nextSplit(); split != null; split = batch.nextSplit()) {
                for (Polled p = batch.nextRecordFromSplit(); p != null; p = batch.nextRecordFromSplit()) {
                    if (p.record() != null) out.add(p.record());
                }
            }
        }
        reader.close();

        List<String> problems = out.stream().filter(i -> i.kind == Ingested.Kind.PROBLEM).map(i -> i.reason).toList();
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("malformed payload from http://127.0.0.1:").contains("not a readable RSS, Atom or RDF feed");
        assertThat(problems.get(1)).contains("DOCTYPE");
        assertThat(problems.get(2)).contains("DOCTYPE");
        assertThat(out).filteredOn(i -> i.kind == Ingested.Kind.MENTION).extracting(i -> i.mention.id).containsExactly("rss:g1");
        // 503 then 429, each with Retry-After: 1 — the next tries waited at least that long.
        assertThat(times.get(4) - times.get(3)).isGreaterThanOrEqualTo(Duration.ofMillis(950).toNanos());
        assertThat(times.get(5) - times.get(4)).isGreaterThanOrEqualTo(Duration.ofMillis(950).toNanos());
    }

    @Test
    void backoffDoublesFromTheIntervalUpToItsCapAndHonoursRetryAfter() {
        Duration every = Duration.ofSeconds(30);
        assertThat(PollSplitReader.backoff(1, every, null)).isEqualTo(Duration.ofMinutes(1));
        assertThat(PollSplitReader.backoff(3, every, null)).isEqualTo(Duration.ofMinutes(4));
        assertThat(PollSplitReader.backoff(20, every, null)).isEqualTo(PollSplitReader.MAX_BACKOFF);
        FetchException busy = FetchException.status(URI.create("http://x/"), 429, Duration.ofMinutes(10));
        assertThat(PollSplitReader.backoff(1, every, busy)).isEqualTo(Duration.ofMinutes(10));
    }
}
