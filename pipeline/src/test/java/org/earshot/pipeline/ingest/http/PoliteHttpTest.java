package org.earshot.pipeline.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The safety rails of every outbound request, against a real local HTTP server. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PoliteHttpTest {
    static final Set<String> LOOPBACK = Set.of("127.0.0.1");
    HttpServer server;
    String base;
    int port;
    final AtomicReference<String> userAgent = new AtomicReference<>();
    /** The Authorization header each request to /echo-auth carried ("-" for none). */
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/ok", e -> {
            userAgent.set(e.getRequestHeaders().getFirst("User-Agent"));
            respond(e, 200, "hello");
        });
        server.createContext("/echo-auth", e -> {
            String auth = e.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "-" : auth);
            respond(e, 200, "seen");
        });
        server.createContext("/huge", e -> {
            // 50 MB, sent chunked (no Content-Length), so only counting can stop it.
            e.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = e.getResponseBody()) {
                for (int i = 0; i < 800; i++) out.write(chunk);
            } catch (java.io.IOException clientLeft) {
                // expected: the client stops reading
            }
        });
        server.createContext("/huge-declared", e -> {
            e.sendResponseHeaders(200, 50L << 20);
            try (OutputStream out = e.getResponseBody()) {
                out.write(new byte[1024]);
            } catch (java.io.IOException clientLeft) {
                // expected
            }
        });
        server.createContext("/slow", e -> {
            e.sendResponseHeaders(200, 0);
            try (OutputStream out = e.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (Exception clientLeft) {
                // expected
            }
        });
        server.createContext("/endless-line", e -> {
            e.getResponseHeaders().set("Content-Type", "text/event-stream");
            e.sendResponseHeaders(200, 0);
            byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = e.getResponseBody()) {
                out.write("event: update\n".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 10_000; i++) out.write(chunk);
            } catch (java.io.IOException clientLeft) {
                // expected: cut off
            }
        });
        server.createContext("/events", e -> {
            e.sendResponseHeaders(200, 0);
            try (OutputStream out = e.getResponseBody()) {
                out.write("event: update\ndata: {\"id\":\"1\"}\r\n\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/busy", e -> {
            e.getResponseHeaders().set("Retry-After", "120");
            e.sendResponseHeaders(429, -1);
            e.close();
        });
        server.createContext("/redirect", e -> redirect(e, "/ok"));
        server.createContext("/redirect-same-origin", e -> redirect(e, "/echo-auth"));
        server.createContext("/redirect-other-port", e -> redirect(e, "http://127.0.0.1:" + otherPort + "/echo-auth"));
        server.createContext("/redirect-to-localhost", e -> redirect(e, "http://localhost:" + port + "/ok"));
        server.createContext("/redirect-to-metadata", e -> redirect(e, "http://169.254.169.254/latest/meta-data/"));
        server.start();
        port = server.getAddress().getPort();
        base = "http://127.0.0.1:" + port;
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        other.createContext("/echo-auth", e -> {
            String auth = e.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "-" : auth);
            respond(e, 200, "seen elsewhere");
        });
        other.start();
        otherPort = other.getAddress().getPort();
    }

    HttpServer other;
    int otherPort;

    private static void respond(com.sun.net.httpserver.HttpExchange e, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange e, String location) throws java.io.IOException {
        e.getResponseHeaders().set("Location", location);
        e.sendResponseHeaders(302, -1);
        e.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        other.stop(0);
    }

    PoliteHttp http(Set<String> privateHosts) {
        return new PoliteHttp(HttpSettings.defaults().withPrivateHosts(privateHosts).withTimeout(Duration.ofSeconds(2))
                .withMaxBytes(1 << 20).withMaxMessageBytes(64 * 1024).withPerHostInterval(Duration.ZERO));
    }

    @Test
    void loopbackIsRefusedUnlessItsHostIsAllowed() throws Exception {
        try (PoliteHttp strict = http(Set.of())) {
            assertThatThrownBy(() -> strict.get(URI.create(base + "/ok"), Map.of()))
                    .isInstanceOf(FetchException.class)
                    .hasMessageContaining("refused " + base + "/ok")
                    .hasMessageContaining("127.0.0.1 resolves to 127.0.0.1, a loopback address")
                    .hasMessageContaining("allow-private")
                    .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo(FetchException.Kind.REFUSED));
        }
        try (PoliteHttp allowed = http(LOOPBACK)) {
            Fetched ok = allowed.get(URI.create(base + "/ok"), Map.of());
            assertThat(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(userAgent.get()).startsWith("Earshot/");
        }
    }

    @Test
    void privateLinkLocalAndOtherSchemesAreRefused() {
        try (PoliteHttp strict = http(Set.of()); PoliteHttp open = http(LOOPBACK)) {
            for (String url : new String[] {"http://10.0.0.1/feed", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
                    "http://[::1]/", "http://0.0.0.0/", "http://100.64.0.1/", "http://[::ffff:127.0.0.1]/", "http://[64:ff9b::a9fe:a9fe]/"}) {
                assertThatThrownBy(() -> strict.get(URI.create(url), Map.of())).as(url)
                        .isInstanceOf(FetchException.class).hasMessageContaining("refused " + url);
            }
            assertThatThrownBy(() -> open.get(URI.create("file:///etc/passwd"), Map.of()))
                    .hasMessageContaining("scheme 'file' is not allowed");
            assertThatThrownBy(() -> open.get(URI.create("http://user:pw@example.org/"), Map.of()))
                    .hasMessageContaining("credentials in URLs");
        }
    }

    @Test
    void anAllowedHostMayBePrivateButWhereItRedirectsMustBeAllowedToo() throws Exception {
        try (PoliteHttp http = http(LOOPBACK)) {
            Fetched followed = http.get(URI.create(base + "/redirect"), Map.of());
            assertThat(followed.uri().getPath()).isEqualTo("/ok");
            // localhost is loopback too, but only 127.0.0.1 was allowed: one switch no longer opens every private host.
            assertThatThrownBy(() -> http.get(URI.create(base + "/redirect-to-localhost"), Map.of()))
                    .isInstanceOf(FetchException.class).hasMessageContaining("refused http://localhost:" + port + "/ok")
                    .hasMessageContaining("loopback");
            assertThatThrownBy(() -> http.get(URI.create(base + "/redirect-to-metadata"), Map.of()))
                    .isInstanceOf(FetchException.class).hasMessageContaining("link-local");
        }
    }

    @Test
    void credentialsFollowRedirectsOnlyWithinTheSameOrigin() throws Exception {
        try (PoliteHttp http = http(LOOPBACK)) {
            Map<String, String> token = Map.of("Authorization", "Bearer secret-token", "Cookie", "session=secret");
            http.get(URI.create(base + "/redirect-same-origin"), token);
            http.get(URI.create(base + "/redirect-other-port"), token);
            assertThat(authorizations).containsExactly("Bearer secret-token", "-");
        }
    }

    @Test
    void aTokenTravelsOverPlainHttpOnlyToAHostAllowedToBePrivate() throws Exception {
        try (PoliteHttp http = http(LOOPBACK)) {
            assertThatThrownBy(() -> http.get(URI.create("http://example.org/api"), Map.of("Authorization", "Bearer secret-token")))
                    .isInstanceOf(FetchException.class).hasMessageContaining("a token is sent over https only")
                    .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo(FetchException.Kind.REFUSED));
            assertThat(http.get(URI.create(base + "/echo-auth"), Map.of("Authorization", "Bearer local-mirror")).status()).isEqualTo(200);
            assertThat(authorizations).containsExactly("Bearer local-mirror");
        }
    }

    @Test
    void theAddressCheckedIsTheAddressConnectedTo() throws Exception {
        // A name that resolves to a public address once and to loopback afterwards (DNS rebinding):
        // the client must connect to what was checked, asking once.
        AtomicInteger lookups = new AtomicInteger();
        PinnedResolver.Lookup rebinding = host -> {
            if (!host.equals("rebind.test")) return PinnedResolver.Lookup.SYSTEM.addresses(host);
            return List.of(InetAddress.getByName(lookups.incrementAndGet() == 1 ? "203.0.113.7" : "127.0.0.1"));
        };
        try (PoliteHttp http = new PoliteHttp(HttpSettings.defaults().withTimeout(Duration.ofSeconds(2)).withPerHostInterval(Duration.ZERO), rebinding)) {
            assertThatThrownBy(() -> http.get(URI.create("http://rebind.test:" + port + "/ok"), Map.of()))
                    .isInstanceOf(FetchException.class).hasMessageContaining("203.0.113.7").hasMessageContaining("documentation");
            assertThat(lookups.get()).isEqualTo(1);
        }
        // Allowed to be private, the name is reached at the address the lookup gave, not at what the system would say.
        PinnedResolver.Lookup local = host -> host.equals("mirror.test") ? List.of(InetAddress.getByName("127.0.0.1")) : PinnedResolver.Lookup.SYSTEM.addresses(host);
        try (PoliteHttp http = new PoliteHttp(HttpSettings.defaults().withPrivateHosts(Set.of("mirror.test")).withPerHostInterval(Duration.ZERO), local)) {
            assertThat(new String(http.get(URI.create("http://mirror.test:" + port + "/ok"), Map.of()).body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void responsesOverTheLimitAreCutOff() {
        try (PoliteHttp http = http(LOOPBACK)) {
            assertThatThrownBy(() -> http.get(URI.create(base + "/huge"), Map.of()))
                    .isInstanceOf(FetchException.class).hasMessageContaining("larger than the limit of 1048576 bytes")
                    .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo(FetchException.Kind.TOO_LARGE));
            assertThatThrownBy(() -> http.get(URI.create(base + "/huge-declared"), Map.of()))
                    .hasMessageContaining("larger than the limit");
        }
    }

    @Test
    void aSlowDripIsCutOffAtTheDeadline() {
        try (PoliteHttp http = http(LOOPBACK)) {
            assertThatThrownBy(() -> http.get(URI.create(base + "/slow"), Map.of()))
                    .isInstanceOf(FetchException.class).hasMessageContaining("no complete response")
                    .satisfies(e -> assertThat(((FetchException) e).retriable()).isTrue());
        }
    }

    @Test
    void aStreamsLinesArriveWholeAndAnEndlessLineIsCutOff() throws Exception {
        try (PoliteHttp http = http(LOOPBACK)) {
            List<String> lines = new ArrayList<>();
            http.streamLines(URI.create(base + "/events"), Map.of(), Duration.ofSeconds(30), line -> lines.add(line));
            assertThat(lines).containsExactly("event: update", "data: {\"id\":\"1\"}", "");
            List<String> seen = new ArrayList<>();
            assertThatThrownBy(() -> http.streamLines(URI.create(base + "/endless-line"), Map.of(), Duration.ofSeconds(30), seen::add))
                    .isInstanceOf(FetchException.class).hasMessageContaining("a line longer than 65536 bytes")
                    .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo(FetchException.Kind.TOO_LARGE));
            assertThat(seen).containsExactly("event: update");
        }
    }

    @Test
    void tooManyRequestsCarriesRetryAfter() {
        try (PoliteHttp http = http(LOOPBACK)) {
            assertThatThrownBy(() -> http.get(URI.create(base + "/busy"), Map.of()))
                    .isInstanceOf(FetchException.class).hasMessageContaining("answered HTTP 429 (Retry-After 120 s)")
                    .satisfies(e -> {
                        FetchException f = (FetchException) e;
                        assertThat(f.status()).isEqualTo(429);
                        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(120));
                        assertThat(f.retriable()).isTrue();
                    });
        }
    }

    @Test
    void requestsToOneHostArePaced() throws Exception {
        try (PoliteHttp paced = new PoliteHttp(HttpSettings.defaults().withPrivateHosts(LOOPBACK).withPerHostInterval(Duration.ofMillis(300)))) {
            long start = System.nanoTime();
            for (int i = 0; i < 4; i++) paced.get(URI.create(base + "/ok"), Map.of());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    /** Addresses that carry a private IPv4 address inside an IPv6 one are private too; their public twins are not. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "::127.0.0.1, loopback (IPv4-compatible)",
            "::10.1.2.3, private (IPv4-compatible)",
            "64:ff9b::a9fe:a9fe, link-local (NAT64)",
            "64:ff9b::7f00:1, loopback (NAT64)",
            "64:ff9b:1::c0a8:101, private (local NAT64)",
            "2002:7f00:1::, loopback (6to4)",
            "2002:a00:1::1, private (6to4)",
            "2001:0:4136:e378:8000:63bf:80ff:fffe, loopback (Teredo)",
            "2001:db8::1, documentation",
            "fd00::1, unique local",
            "fe80::1, link-local",
            "::ffff:192.168.0.1, private",
            "192.0.2.1, reserved",
            "198.51.100.1, documentation"})
    void privateAddressesInEveryFormAreRecognised(String address, String kind) throws Exception {
        assertThat(AddressPolicy.privateKind(InetAddress.getByName(address))).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::1", "::ffff:1.1.1.1"})
    void publicAddressesPass(String address) throws Exception {
        assertThat(AddressPolicy.privateKind(InetAddress.getByName(address))).isNull();
    }
}
