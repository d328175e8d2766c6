package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.earshot.jobs.ListeningSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code earshot demo} in its own process, as a user starts it, looked at from outside: every
 * socket it listens on is on loopback, Flink's REST endpoint wants a key, its keys live in 0600
 * files of a 0700 directory and in none of its logs, and a post dated 9999 does not stop it.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class DemoSecurityTest {
    private static final Pattern WEBHOOK = Pattern.compile("Webhook: POST JSON mentions to (http://127\\.0\\.0\\.1:\\d+/v1/mentions)");
    private static final Pattern LIVE_IN = Pattern.compile(" in ([\\d,]+) \\(");
    private static final Pattern ENRICHED = Pattern.compile(" enriched ([\\d,]+) ");

    @TempDir
    Path dir;

    @Test
    void theDemoListensOnLoopbackOnlyKeepsItsKeysSecretAndOutlivesAPostFromTheYear9999() throws Exception {
        Path data = dir.resolve("data");
        Path out = dir.resolve("demo.out");
        Process demo = start(data, out);
        List<String> secrets = new ArrayList<>();
        try {
            String webhook = await(out, WEBHOOK, Duration.ofMinutes(2));
            awaitCheckpoint(data.resolve("checkpoints").resolve("demo"), Duration.ofMinutes(2));

            List<ListeningSockets.Listener> listening = ListeningSockets.of(demo.pid());
            // Kafka (clients, controller), ClickHouse, the webhook, the dashboards, Flink's REST and blob server, five stand-in networks.
            assertThat(listening).as("the demo's listening sockets").hasSizeGreaterThanOrEqualTo(9)
                    .allSatisfy(l -> assertThat(l.loopback()).as("%s listens beyond loopback", l).isTrue());
            List<String> answers = new ArrayList<>();
            for (ListeningSockets.Listener l : listening) answers.add(ask(l.port(), "POST /jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"));
            assertThat(answers).as("nothing runs a job for a stranger").noneMatch(a -> a.startsWith("HTTP/1.1 2"));
            assertThat(answers).as("Flink's REST endpoint asks for its key").anyMatch(a -> a.startsWith("HTTP/1.1 401") && a.contains("a bearer token is required"));

            Path secretDir = data.resolve("secrets");
            assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            try (Stream<Path> files = Files.list(secretDir)) {
                for (Path f : files.toList()) {
                    assertThat(Files.getPosixFilePermissions(f)).as("%s", f).isEqualTo(PosixFilePermissions.fromString("rw-------"));
                    if (f.getFileName().toString().endsWith(".password") || f.getFileName().toString().endsWith(".token")) {
                        secrets.add(Files.readString(f).strip());
                    }
                }
            }
            assertThat(secrets).as("ClickHouse password, Kafka password, webhook token, dashboards admin token, the demo accounts' Mastodon token"
                    + " and Bluesky password").hasSize(6);

            long inBefore = last(out, LIVE_IN);
            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(webhook))
                    .header("Authorization", "Bearer " + Files.readString(secretDir.resolve("webhook.token")).strip())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"webhook:from-9999\",\"network\":\"webhook\",\"text\":\"Aurora from the future\","
                            + "\"publishedAt\":\"9999-12-31T00:00:00Z\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            long enrichedAfterPost = last(out, ENRICHED);
            // The live line keeps counting: 30 s of generated mentions get through after the post.
            awaitAbove(out, LIVE_IN, inBefore + 2_000, Duration.ofMinutes(2));
            awaitAbove(out, ENRICHED, enrichedAfterPost + 2_000, Duration.ofMinutes(2));
            // Stored once its checkpoint commits, with the claim beside a believable time.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (true) {
                CapturedRun stored = CapturedRun.of("sql", "--data", data.toString(), "SELECT published_at_claimed AS claimed,"
                        + " published_at < now() + INTERVAL 1 HOUR AS believable FROM mentions WHERE id = 'webhook:from-9999'");
                if (stored.out().lines().anyMatch(l -> l.matches("9999-12-31T00:00:00Z\\s+1"))) break;
                assertThat(System.nanoTime()).as("the post from 9999 stored in time: %s %s", stored.out(), stored.err()).isLessThan(deadline);
                Thread.sleep(500);
            }
        } finally {
            demo.destroy(); // SIGTERM: the demo stops with a savepoint, as on Ctrl-C
            assertThat(demo.waitFor(2, TimeUnit.MINUTES)).as("the demo stopped").isTrue();
        }
        String printed = Files.readString(out);
        assertThat(printed).contains("stopped: ");
        String log = Files.readString(data.resolve("logs").resolve("earshot.log"));
        assertThat(log).contains("Kafka").doesNotContain("InvalidTimestampException").doesNotContain("switched from RUNNING to FAILED");
        for (String secret : secrets) {
            assertThat(log).as("the log holds no key").doesNotContain(secret);
            assertThat(printed).as("the console shows no key").doesNotContain(secret);
        }
    }

    private static Process start(Path data, Path out) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(command::add);
        command.addAll(List.of("-Dearshot.log.dir=" + data.resolve("logs"),
                "-Dlog4j2.configurationFile=" + Path.of("target", "classes", "log4j2.properties").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), Earshot.class.getName(),
                "demo", "--for", "5m", "--rate", "200", "--data", data.toString(), "--set", "kafka.embedded.port=0",
                "--set", "dashboards.port=0"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    /** What a listener answers to one request, or "" when it speaks no HTTP. */
    private static String ask(int port, String request) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(3_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            byte[] buffer = new byte[4096];
            int n = s.getInputStream().read(buffer);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static String await(Path out, Pattern pattern, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = pattern.matcher(Files.exists(out) ? Files.readString(out) : "");
            if (m.find()) return m.group(1);
            assertThat(System.nanoTime()).as("%s printed in time", pattern).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void awaitCheckpoint(Path checkpoints, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!hasCheckpoint(checkpoints)) {
            assertThat(System.nanoTime()).as("a checkpoint in %s in time", checkpoints).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static boolean hasCheckpoint(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) return false;
        try (Stream<Path> files = Files.walk(checkpoints, 3)) {
            return files.anyMatch(p -> p.getFileName().toString().equals("_metadata"));
        }
    }

    /** The last number the live view printed for {@code pattern}. */
    private static long last(Path out, Pattern pattern) throws IOException {
        Matcher m = pattern.matcher(Files.readString(out));
        long value = -1;
        while (m.find()) value = Long.parseLong(m.group(1).replace(",", ""));
        return value;
    }

    private static void awaitAbove(Path out, Pattern pattern, long above, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (last(out, pattern) <= above) {
            assertThat(System.nanoTime()).as("%s above %,d in time (now %,d)", pattern, above, last(out, pattern)).isLessThan(deadline);
            Thread.sleep(500);
        }
    }
}
