package org.earshot.jobs;

import org.earshot.pipeline.testing.EarshotClickHouse;
import org.earshot.pipeline.testing.EarshotKafka;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.jobs.webhook.KafkaMentionWriter;
import org.earshot.jobs.webhook.WebhookServer;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every field's extremes through the webhook into the Listen job, with restarts switched off so
 * that one record able to fail the job would end the test: dates at year 0, 9999 and beyond,
 * epoch numbers and floats where dates go, negative, huge and fractional counts, huge and nested
 * arrays, deep nesting, invalid Unicode and control characters, and bodies that are not JSON at
 * all. The webhook takes a request or refuses it with the reason; the job must keep running, and
 * every accepted mention must be stored exactly once, or dead-lettered with its reason by the
 * sink, never both, never twice (ClickHouse's merges are stopped, so a duplicate would show).
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ListenFuzzTest {
    private static final String TOKEN = "fuzz-token-fuzz-token";
    private static final int MENTIONS = 800;

    @TempDir
    Path dir;
    @RegisterExtension
    final EarshotKafka kafka = new EarshotKafka();
    /** Merges off where duplicates are counted: a row stored twice stays two rows. */
    @RegisterExtension
    final EarshotClickHouse clickhouse = new EarshotClickHouse().keepingEveryRow("mentions", "mention_rules");
    KafkaMentionWriter writer;
    WebhookServer webhook;

    @BeforeEach
    void start() throws Exception {
        writer = new KafkaMentionWriter(kafka.settings());
        webhook = new WebhookServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TOKEN, writer);
    }

    @AfterEach
    void stop() {
        webhook.close();
        writer.close();
    }

    @Test
    void noFieldValueStopsTheJobAndEveryAcceptedMentionIsStoredOnceOrDeadLettered() throws Exception {
        StreamExecutionEnvironment env = LocalFlink.environment(dir.resolve("checkpoints"), Duration.ofMillis(500), 1, true);
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        env.configure(noRestarts);
        ListenOptions options = new ListenOptions(kafka.settings(), "fuzz", Duration.ofMillis(500), Duration.ofHours(1), 100_000,
                Duration.ofSeconds(30)).withClickHouse(clickhouse.sink().withRetryTimeout(Duration.ofSeconds(30)));
        Migrations.apply(options.clickhouse());
        ListenJob.attach(env, options);
        JobClient job = env.executeAsync(ListenJob.NAME);
        try {
            HttpClient http = HttpClient.newHttpClient();
            Set<String> accepted = new HashSet<>();
            Map<Integer, Integer> statuses = new TreeMap<>();
            Random random = new Random(20261202L);
            for (int i = 0; i < MENTIONS; i++) {
                byte[] body = i % 10 == 0 ? notJson(random, i) : hostile(random, i).getBytes(StandardCharsets.UTF_8);
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webhook.port() + WebhookServer.PATH))
                        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                statuses.merge(r.statusCode(), 1, Integer::sum);
                assertThat(r.statusCode()).as("mention %d: %s", i, r.body()).isIn(202, 400);
                if (r.statusCode() == 400) assertThat(r.body()).as("a refusal says why").contains("\"error\":\"");
                else accepted.add("fuzz:" + i);
            }
            assertThat(accepted.size()).as("enough hostile mentions get through to test the job: %s", statuses).isGreaterThan(MENTIONS / 6);
            assertThat(statuses.get(400)).as("and enough are refused at the door").isGreaterThan(MENTIONS / 10);

            KafkaTestClient topics = new KafkaTestClient(kafka.settings());
            List<Mention> enriched = topics.readAll(Topics.MENTIONS_ENRICHED, l -> l.size() >= accepted.size(), Duration.ofMinutes(3), Duration.ofSeconds(3));
            assertThat(enriched.stream().map(m -> m.id).toList()).as("each accepted mention enriched once").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(accepted);
            assertThat(enriched).allSatisfy(m -> assertThat(m.publishedAt).isBetween(
                    java.time.Instant.parse("1990-01-01T00:00:00Z"), java.time.Instant.now().plus(Duration.ofMinutes(16))));

            Map<String, Long> stored = awaitStored(accepted.size());
            List<DeadLetter> refusedBySink = topics.readAll(Topics.DEAD_LETTERS, l -> false, Duration.ofSeconds(3), Duration.ZERO)
                    .stream().filter(d -> "clickhouse".equals(d.stage)).toList();
            Set<String> deadIds = refusedBySink.stream().map(d -> idOf(d.payloadText())).collect(Collectors.toSet());
            assertThat(stored.values()).as("no mention stored twice").allMatch(n -> n == 1);
            assertThat(deadIds).as("none both stored and dead-lettered").doesNotContainAnyElementsOf(stored.keySet());
            Set<String> all = new HashSet<>(stored.keySet());
            all.addAll(deadIds);
            assertThat(all).as("every accepted mention stored or dead-lettered").isEqualTo(accepted);
            assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).as("the job never failed").isEqualTo(JobStatus.RUNNING);
        } finally {
            LocalFlink.cancel(job, Duration.ofMinutes(1));
        }
    }

    private Map<String, Long> awaitStored(int accepted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        Map<String, Long> stored = new TreeMap<>();
        while (System.nanoTime() < deadline) {
            stored.clear();
            try (var c = clickhouse.server().connect(); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT id, count() FROM mentions WHERE id LIKE 'fuzz:%' GROUP BY id")) {
                while (rs.next()) stored.put(rs.getString(1), rs.getLong(2));
            }
            long dead = new KafkaTestClient(kafka.settings()).readAll(Topics.DEAD_LETTERS, l -> false, Duration.ofMillis(500), Duration.ZERO)
                    .stream().filter(d -> "clickhouse".equals(d.stage)).count();
            if (stored.size() + dead >= accepted) return stored;
            Thread.sleep(500);
        }
        return stored;
    }

    private static String idOf(String json) {
        int at = json.indexOf("\"id\":\"");
        return at < 0 ? "" : json.substring(at + 6, json.indexOf('"', at + 6));
    }

    // --- what a hostile or broken collector sends ----------------------------------------------

    private static final String[] DATES = {"\"0000-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.999Z\"", "\"+1000000000-12-31T23:59:59.999999999Z\"",
            "\"-1000000000-01-01T00:00:00Z\"", "\"1970-01-01T00:00:00Z\"", "0", "-1", "9223372036854775807", "-9223372036854775808",
            "1e300", "-1e300", "1.5", "\"2026-11-28T10:00:00Z\"", "null", "\"yesterday\"", "\"\"", "[]", "{}"};
    private static final String[] NUMBERS = {"0", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e30",
            "-0.5", "0.5", "\"12\"", "null", "12", "true", "[]"};
    private static final String[] TEXTS = {"\"plain\"", "\"\"", "\"\\ud800 lone high\"", "\"\\udfff lone low\"", "\"nul \\u0000 inside\"",
            "\"\\u202eright to left\"", "\"z\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301algo\"", "\"emoji 😀🎉 \\ud83d\"", "\"tab\\tnew\\nline\"",
            "\"esc \\u001b[2J\"", "null", "42", "{\"no\":\"object\"}"};

    private static String hostile(Random random, int i) {
        StringBuilder json = new StringBuilder("{\"id\":\"fuzz:").append(i).append("\",\"network\":\"webhook\"");
        json.append(",\"text\":").append(random.nextInt(8) == 0 ? pick(random, TEXTS) : "\"fuzz mention " + i + " about aurora " + text(random) + "\"");
        if (random.nextBoolean()) json.append(",\"publishedAt\":").append(pick(random, DATES));
        if (random.nextInt(3) == 0) json.append(",\"fetchedAt\":").append(pick(random, DATES));
        if (random.nextInt(4) == 0) json.append(",\"editedAt\":").append(pick(random, DATES));
        if (random.nextInt(3) == 0) json.append(",\"reach\":").append(pick(random, NUMBERS));
        if (random.nextInt(3) == 0) {
            json.append(",\"engagement\":{\"likes\":").append(pick(random, NUMBERS)).append(",\"reposts\":").append(pick(random, NUMBERS))
                    .append(",\"replies\":").append(pick(random, NUMBERS)).append("}");
        }
        if (random.nextInt(3) == 0) {
            json.append(",\"author\":{\"handle\":").append(pick(random, TEXTS)).append(",\"name\":").append(pick(random, TEXTS))
                    .append(",\"followers\":").append(pick(random, NUMBERS)).append("}");
        }
        if (random.nextInt(3) == 0) json.append(",\"title\":").append(pick(random, TEXTS));
        if (random.nextInt(4) == 0) json.append(",\"lang\":").append(pick(random, TEXTS));
        if (random.nextInt(4) == 0) json.append(",\"geo\":").append(pick(random, TEXTS));
        if (random.nextInt(4) == 0) json.append(",\"url\":\"https://example.org/post/").append(i).append(random.nextBoolean() ? "" : "?x=" + "y".repeat(20_000)).append("\"");
        if (random.nextInt(4) == 0) json.append(",\"hashtags\":").append(array(random));
        if (random.nextInt(5) == 0) json.append(",\"links\":").append(array(random));
        if (random.nextInt(5) == 0) json.append(",\"mentions\":").append(array(random));
        if (random.nextInt(6) == 0) json.append(",\"raw\":").append(random.nextBoolean() ? "\"" + "r".repeat(200_000) + "\"" : nested(random.nextInt(1_500)));
        if (random.nextInt(6) == 0) json.append(",\"extension\":").append(nested(random.nextInt(1_500)));
        if (random.nextInt(10) == 0) json.append(",\"sentiment\":{\"label\":\"positive\",\"score\":").append(pick(random, NUMBERS)).append("}");
        if (random.nextInt(10) == 0) json.append(",\"ruleIds\":[\"forged\"],\"edit\":true");
        return json.append("}").toString();
    }

    private static String text(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> "x".repeat(random.nextInt(300_000));
            case 1 -> "مرحبا 你好 #aurora @aurora";
            default -> "word".repeat(random.nextInt(20));
        };
    }

    private static String array(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "[]";
            case 1 -> "null";
            case 2 -> "[" + "\"#tag\",".repeat(20_000) + "\"end\"]";
            case 3 -> "[null, \"a\"]";
            case 4 -> "[[[\"deep\"]]]";
            default -> "[\"" + "#".repeat(50_000) + "\"]";
        };
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Bodies that are not a JSON mention at all: invalid UTF-8, truncation, depth, other values. */
    private static byte[] notJson(Random random, int i) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(5)) {
            case 0 -> {
                out.writeBytes(("{\"id\":\"fuzz:" + i + "\",\"network\":\"webhook\",\"text\":\"").getBytes(StandardCharsets.UTF_8));
                out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3});
                out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            }
            case 1 -> out.writeBytes(("{\"id\":\"fuzz:" + i + "\",\"network\":\"webhook\",\"te").getBytes(StandardCharsets.UTF_8));
            case 2 -> out.writeBytes(("[" .repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8));
            case 3 -> out.writeBytes("123456789e999999".getBytes(StandardCharsets.UTF_8));
            default -> out.writeBytes(("{\"id\":\"fuzz:" + i + "\",\"network\":\"Web Hook!\",\"text\":\"x\"}").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
