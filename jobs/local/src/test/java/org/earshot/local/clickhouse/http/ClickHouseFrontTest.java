package org.earshot.local.clickhouse.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.earshot.local.testing.TestClickHouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded ClickHouse front as an attacker and as an ordinary HTTP client meet it: who may
 * ask, what it runs, and how it reads and writes compressed bodies.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClickHouseFrontTest {
    @TempDir
    static Path dir;
    static TestClickHouse clickhouse;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        clickhouse = TestClickHouse.start(dir.resolve("clickhouse"));
        assertThat(post("", "CREATE TABLE kept (id UInt32, name String) ENGINE = MergeTree ORDER BY id").statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        clickhouse.close();
    }

    private static HttpRequest.Builder request(String query) {
        return HttpRequest.newBuilder(URI.create(clickhouse.httpUrl() + "/" + query)).timeout(Duration.ofSeconds(60));
    }

    private static HttpRequest.Builder authorized(String query) {
        return request(query).header("X-ClickHouse-Key", clickhouse.password());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String query, String sql) throws IOException, InterruptedException {
        return send(authorized(query).POST(HttpRequest.BodyPublishers.ofString(sql)).build());
    }

    private static HttpResponse<String> get(String sql) throws IOException, InterruptedException {
        return send(authorized("?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)).GET().build());
    }

    private static String code(HttpResponse<?> response) {
        return response.headers().firstValue("X-ClickHouse-Exception-Code").orElse("none");
    }

    private static boolean tableExists(String name) throws Exception {
        return clickhouse.engineQuery("EXISTS TABLE " + name).strip().equals("1");
    }

    @Test
    void everyRequestButPingNeedsThePassword() throws Exception {
        assertThat(send(request("ping").GET().build()).body()).isEqualTo("Ok.\n");
        String select = "?query=SELECT%201";
        HttpResponse<String> none = send(request(select).GET().build());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(code(none)).isEqualTo("516");
        assertThat(send(request(select).header("X-ClickHouse-Key", "wrong").GET().build()).statusCode()).isEqualTo(401);
        assertThat(send(request(select).header("Authorization", "Basic !!!not base64").GET().build()).statusCode())
                .as("a malformed header is a failed login, not a dropped connection").isEqualTo(401);
        assertThat(send(request(select).header("Authorization", "Basic " + Base64.getEncoder().encodeToString("default".getBytes())).GET().build())
                .statusCode()).as("no password part").isEqualTo(401);
        assertThat(send(request(select).header("Authorization", basic("someone", clickhouse.password())).GET().build()).statusCode())
                .as("another user").isEqualTo(401);
        assertThat(send(request(select).header("Authorization", basic("default", clickhouse.password())).GET().build()).body()).isEqualTo("1\n");
        assertThat(send(request(select + "&user=default&password=" + clickhouse.password()).GET().build()).body()).isEqualTo("1\n");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void onlyThisMachinesNamesAndNoWebPagesAreServed() throws Exception {
        // A page that rebinds its own domain to 127.0.0.1 still sends its own name as Host.
        String[] request = {"GET /?query=SELECT%201 HTTP/1.1\r\nHost: attacker.example\r\nX-ClickHouse-Key: " + clickhouse.password()
                + "\r\nConnection: close\r\n\r\n"};
        assertThat(raw(request[0])).startsWith("HTTP/1.1 403").contains("X-ClickHouse-Exception-Code: 497").contains("attacker.example");
        assertThat(raw(request[0].replace("attacker.example", "localhost:" + clickhouse.port()))).startsWith("HTTP/1.1 200");
        assertThat(raw(request[0].replace("attacker.example", "[::1]:" + clickhouse.port()))).startsWith("HTTP/1.1 200");

        HttpResponse<String> fromPage = send(authorized("?query=SELECT%201").header("Origin", "https://attacker.example").GET().build());
        assertThat(fromPage.statusCode()).isEqualTo(403);
        assertThat(fromPage.body()).contains("clickhouse.embedded.allowed-origins");

        FrontOptions allowing = new FrontOptions("127.0.0.1", 0, "default", "another-password", Set.of("ch.internal"),
                Set.of("https://grafana.internal"), false, FrontOptions.IDLE_TIMEOUT, null);
        try (ClickHouseHttpServer front = ClickHouseHttpServer.start(clickhouse.engine(), allowing)) {
            HttpResponse<String> allowed = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + "/?query=SELECT%202"))
                    .header("X-ClickHouse-Key", "another-password").header("Origin", "https://grafana.internal").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.body()).isEqualTo("2\n");
            assertThat(rawTo(front.port(), request[0].replace("attacker.example", "ch.internal").replace(clickhouse.password(), "another-password")))
                    .startsWith("HTTP/1.1 200");
        }
    }

    private static String raw(String request) throws IOException {
        return rawTo(clickhouse.port(), request);
    }

    private static String rawTo(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void getAndReadonlyRequestsOnlyRead() throws Exception {
        HttpResponse<String> drop = get("DROP TABLE kept");
        assertThat(drop.statusCode()).isEqualTo(403);
        assertThat(code(drop)).isEqualTo("164");
        assertThat(post("?readonly=1", "DROP TABLE kept").statusCode()).isEqualTo(403);
        assertThat(get("INSERT INTO kept VALUES (1, 'x')").statusCode()).isEqualTo(403);
        assertThat(tableExists("kept")).isTrue();
        assertThat(get("SELECT count() FROM kept").statusCode()).isEqualTo(200);
        assertThat(get("SHOW TABLES").body()).contains("kept");
        assertThat(get("DESCRIBE TABLE kept").body()).contains("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM file('/etc/hostname', 'LineAsString')",
            "SELECT file('/etc/hostname')",
            "SELECT * FROM FILE('/etc/hostname')",
            "INSERT INTO FUNCTION file('%OUT%', 'CSV') SELECT 1",
            "SELECT * FROM url('http://127.0.0.1:1/', 'LineAsString')",
            "SELECT * FROM remote('127.0.0.1:1', system.one)",
            "SELECT * FROM s3('http://127.0.0.1:1/b/k', 'CSV')",
            "SELECT * FROM mysql('127.0.0.1:1', 'db', 't', 'u', 'p')",
            "SELECT * FROM postgresql('127.0.0.1:1', 'db', 't', 'u', 'p')",
            "SELECT * FROM executable('id', 'LineAsString', 'x String')",
            "SELECT * FROM input('a UInt8')",
            "SELECT * FROM (SELECT 1) AS a JOIN file('/etc/hostname') AS b ON 1",
            "WITH (SELECT count() FROM url('http://127.0.0.1:1/', 'LineAsString')) AS n SELECT n",
            "CREATE TABLE leak (line String) ENGINE = File(LineAsString, '/etc/hostname')",
            "CREATE TABLE leak (line String) ENGINE = URL('http://127.0.0.1:1/', LineAsString)",
            "CREATE DATABASE leak ENGINE = Filesystem('/etc')",
            "CREATE DICTIONARY leak (k UInt64, v String) PRIMARY KEY k SOURCE(HTTP(url 'http://127.0.0.1:1/' format 'TSV')) LAYOUT(FLAT()) LIFETIME(0)",
            "SELECT 1 INTO OUTFILE '%OUT%'",
            "INSERT INTO kept FROM INFILE '/etc/hostname' FORMAT CSV",
            "BACKUP TABLE kept TO File('%OUT%')",
            "SYSTEM SHUTDOWN"})
    void statementsThatReachBeyondTheDatabaseAreRefused(String sql) throws Exception {
        Path out = dir.resolve("written-" + Math.abs(sql.hashCode()));
        HttpResponse<String> refused = post("", sql.replace("%OUT%", out.toString()));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(code(refused)).isEqualTo("497");
        assertThat(refused.body()).contains("clickhouse.embedded.external-access").doesNotContain(hostname());
        assertThat(out).doesNotExist();
        assertThat(tableExists("leak")).isFalse();
    }

    private static String hostname() throws IOException {
        String name = Files.readString(Path.of("/etc/hostname")).strip();
        return name.isEmpty() ? "\u0000no hostname\u0000" : name;
    }

    @Test
    void externalAccessIsThereForWhoeverSwitchesItOn() throws Exception {
        Path file = dir.resolve("readable.csv");
        Files.writeString(file, "42\n");
        FrontOptions open = FrontOptions.loopback(0, "open-password").withExternalAccess(true);
        try (ClickHouseHttpServer front = ClickHouseHttpServer.start(clickhouse.engine(), open)) {
            HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + "/"))
                    .header("X-ClickHouse-Key", "open-password")
                    .POST(HttpRequest.BodyPublishers.ofString("SELECT * FROM file('" + file + "', 'CSV', 'n UInt32')")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.body()).isEqualTo("42\n");
        }
    }

    @Test
    void oneStatementARequestAndNothingAfterAnInsertsDataIsRun() throws Exception {
        HttpResponse<String> two = post("", "SELECT 1; CREATE TABLE sneaky (a UInt8) ENGINE = Memory");
        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(two.body()).contains("Multi-statements are not allowed").doesNotContain("formatQuerySingleLine");
        assertThat(tableExists("sneaky")).isFalse();

        // After VALUES comes data; the engine alone would run what follows it as a statement.
        post("", "INSERT INTO kept VALUES (1, 'a'); CREATE TABLE sneaky (a UInt8) ENGINE = Memory");
        post("?query=" + URLEncoder.encode("INSERT INTO kept FORMAT CSV", StandardCharsets.UTF_8), "2,b\n; CREATE TABLE sneaky (a UInt8) ENGINE = Memory");
        post("", "INSERT INTO kept FORMAT CSV\n3,c\n; CREATE TABLE sneaky (a UInt8) ENGINE = Memory");
        post("", "INSERT INTO kept /* a comment with VALUES; */ VALUES (4, 'd;'); CREATE TABLE sneaky (a UInt8) ENGINE = Memory");
        assertThat(tableExists("sneaky")).isFalse();
        assertThat(post("", "INSERT INTO kept (id, name) VALUES (5, 'e'), (6, 'f')").statusCode()).isEqualTo(200);
        assertThat(get("SELECT name FROM kept WHERE id IN (5, 6) ORDER BY id").body()).isEqualTo("e\nf\n");
    }

    @Test
    void setAndUseAreForgottenAsWithoutASession() throws Exception {
        assertThat(post("", "SET max_threads = 1").statusCode()).isEqualTo(200);
        assertThat(post("", "USE system").statusCode()).isEqualTo(200);
        for (int i = 0; i < 8; i++) { // every one of the engine's connections
            assertThat(post("", "SELECT getSetting('max_threads')").body().strip()).isNotEqualTo("1");
            assertThat(post("", "SELECT currentDatabase()").body().strip()).isEqualTo("default");
        }
    }

    /** Each coding a client may compress a request with, and how to compress in it. */
    private static final Map<String, Compressor> CODINGS = Map.of(
            "gzip", GZIPOutputStream::new,
            "deflate", DeflaterOutputStream::new,
            "zstd", ZstdCompressorOutputStream::new,
            "lz4", FramedLZ4CompressorOutputStream::new,
            "bz2", BZip2CompressorOutputStream::new);

    private interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static byte[] compress(String coding, String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = CODINGS.get(coding).wrap(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "deflate", "zstd", "lz4", "bz2"})
    void compressedRequestsAreDecoded(String coding) throws Exception {
        String table = "made_" + coding.replace("-", "_");
        HttpResponse<String> created = send(authorized("").header("Content-Encoding", coding)
                .POST(HttpRequest.BodyPublishers.ofByteArray(compress(coding, "CREATE TABLE " + table + " (n UInt32, s String) ENGINE = MergeTree ORDER BY n")))
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(tableExists(table)).isTrue();
        HttpResponse<String> inserted = send(authorized("?query=" + URLEncoder.encode("INSERT INTO " + table + " FORMAT TSV", StandardCharsets.UTF_8))
                .header("Content-Encoding", coding)
                .POST(HttpRequest.BodyPublishers.ofByteArray(compress(coding, "1\tone\n2\ttwo 😀\n"))).build());
        assertThat(inserted.statusCode()).as(inserted.body()).isEqualTo(200);
        assertThat(get("SELECT s FROM " + table + " ORDER BY n").body()).isEqualTo("one\ntwo 😀\n");
    }

    @Test
    void anEncodingItCannotReadIsRefusedNotIgnored() throws Exception {
        HttpResponse<String> refused = send(authorized("").header("Content-Encoding", "snappy")
                .POST(HttpRequest.BodyPublishers.ofString("CREATE TABLE never (n UInt8) ENGINE = Memory")).build());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("snappy");
        assertThat(tableExists("never")).isFalse();
    }

    @Test
    void responsesAreCompressedWhenTheClientAsksForIt() throws Exception {
        String query = "?enable_http_compression=1&query=" + URLEncoder.encode("SELECT 'compressed 😀' FROM numbers(3)", StandardCharsets.UTF_8);
        HttpResponse<byte[]> gzip = HTTP.send(authorized(query).header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzip.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(decode(new GZIPInputStream(new java.io.ByteArrayInputStream(gzip.body())))).isEqualTo("compressed 😀\n".repeat(3));
        HttpResponse<byte[]> zstd = HTTP.send(authorized(query).header("Accept-Encoding", "br, zstd;q=0.9, gzip;q=0.5").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zstd.headers().firstValue("Content-Encoding")).as("br cannot be written; zstd is preferred over gzip").contains("zstd");
        assertThat(decode(new ZstdCompressorInputStream(new java.io.ByteArrayInputStream(zstd.body())))).isEqualTo("compressed 😀\n".repeat(3));
        HttpResponse<String> notAsked = send(authorized(query.replace("enable_http_compression=1&", "")).header("Accept-Encoding", "gzip").GET().build());
        assertThat(notAsked.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(notAsked.body()).isEqualTo("compressed 😀\n".repeat(3));
    }

    private static String decode(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void clientsThatNeverFinishTheirHeadersStallNobodyAndAreCutOff() throws Exception {
        try (ClickHouseHttpServer front = ClickHouseHttpServer.start(clickhouse.engine(),
                FrontOptions.loopback(0, "slow-password").withIdleTimeout(Duration.ofSeconds(2)))) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 64; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), front.port());
                    s.getOutputStream().write("POST /?query=SELECT%201 HTTP/1.1\r\nHost: localhost\r\nX-Cli".getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    slow.add(s);
                }
                HttpResponse<String> meanwhile = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + "/?query=SELECT%207"))
                        .header("X-ClickHouse-Key", "slow-password").timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(meanwhile.body()).isEqualTo("7\n");
                for (Socket s : slow) {
                    s.setSoTimeout(60_000);
                    // The server ends it: closed, or answered 408 and closed.
                    String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                    assertThat(answer).satisfiesAnyOf(a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 408"));
                }
            } finally {
                for (Socket s : slow) s.close();
            }
        }
    }
}
