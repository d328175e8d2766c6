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
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The safety rails of every outbound request, against a real local HTTP server. */
class PoliteHttpTest {
    HttpServer server;
    String base;
    final AtomicReference<String> userAgent = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/ok", e -> {
            userAgent.set(e.getRequestHeaders().getFirst("User-Agent"));
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            e.sendResponseHeaders(200, body.length);
            try (OutputStream out = e.getResponseBody()) {
                out.write(body);
            }
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
        server.createContext("/busy", e -> {
            e.getResponseHeaders().set("Retry-After", "120");
            e.sendResponseHeaders(429, -1);
            e.close();
        });
        server.createContext("/redirect", e -> {
            e.getResponseHeaders().set("Location", "/ok");
            e.sendResponseHeaders(302, -1);
            e.close();
        });
        server.createContext("/redirect-to-metadata", e -> {
            e.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/");
            e.sendResponseHeaders(302, -1);
            e.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    PoliteHttp http(boolean allowPrivate) {
        return new PoliteHttp(HttpSettings.defaults().withAllowPrivate(allowPrivate).withTimeout(Duration.ofSeconds(2))
                .withMaxBytes(1 << 20).withPerHostInterval(Duration.ZERO));
    }

    @Test
    void loopbackIsRefusedUnlessAllowed() throws Exception {
        assertThatThrownBy(() -> http(false).get(URI.create(base + "/ok"), Map.of()))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("127.0.0.1 resolves to 127.0.0.1")
                .hasMessageContaining("loopback address; set ingest.allow-private=true (or --allow-private)")
                .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo(FetchException.Kind.REFUSED));
        Fetched ok = http(true).get(URI.create(base + "/ok"), Map.of());
        assertThat(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(userAgent.get()).startsWith("Earshot/");
    }

    @Test
    void privateLinkLocalAndOtherSchemesAreRefused() {
        for (String url : new String[] {"http://10.0.0.1/feed", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/", "http://0.0.0.0/", "http://100.64.0.1/"}) {
            assertThatThrownBy(() -> http(false).get(URI.create(url), Map.of())).as(url)
                    .isInstanceOf(FetchException.class).hasMessageContaining("refused " + url);
        }
        assertThatThrownBy(() -> http(true).get(URI.create("file:///etc/passwd"), Map.of()))
                .hasMessageContaining("scheme 'file' is not allowed");
        assertThatThrownBy(() -> http(true).get(URI.create("http://user:pw@example.org/"), Map.of()))
                .hasMessageContaining("credentials in URLs");
    }

    @Test
    void redirectsAreFollowedOnlyWithinThePolicy() throws Exception {
        Fetched followed = http(true).get(URI.create(base + "/redirect"), Map.of());
        assertThat(followed.uri().getPath()).isEqualTo("/ok");
        // Even with private addresses allowed for the mirror, a redirect must pass the same check.
        AddressPolicy strict = AddressPolicy.publicOnly();
        assertThatThrownBy(() -> strict.check(URI.create("http://169.254.169.254/latest/meta-data/")))
                .hasMessageContaining("link-local");
    }

    @Test
    void responsesOverTheLimitAreCutOff() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> http(true).get(URI.create(base + "/huge"), Map.of()))
                .isInstanceOf(FetchException.class).hasMessageContaining("larger than the limit of 1048576 bytes")
                .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo(FetchException.Kind.TOO_LARGE));
        assertThatThrownBy(() -> http(true).get(URI.create(base + "/huge-declared"), Map.of()))
                .hasMessageContaining("larger than the limit");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aSlowDripIsCutOffAtTheDeadline() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> http(true).get(URI.create(base + "/slow"), Map.of()))
                .isInstanceOf(FetchException.class).hasMessageContaining("no complete response")
                .satisfies(e -> assertThat(((FetchException) e).retriable()).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void tooManyRequestsCarriesRetryAfter() {
        assertThatThrownBy(() -> http(true).get(URI.create(base + "/busy"), Map.of()))
                .isInstanceOf(FetchException.class).hasMessageContaining("answered HTTP 429 (Retry-After 120 s)")
                .satisfies(e -> {
                    FetchException f = (FetchException) e;
                    assertThat(f.status()).isEqualTo(429);
                    assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(120));
                    assertThat(f.retriable()).isTrue();
                });
    }

    @Test
    void requestsToOneHostArePaced() throws Exception {
        PoliteHttp paced = new PoliteHttp(HttpSettings.defaults().withAllowPrivate(true).withPerHostInterval(Duration.ofMillis(300)));
        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) paced.get(URI.create(base + "/ok"), Map.of());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }
}
