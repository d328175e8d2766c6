package org.earshot.pipeline.clickhouse;

import com.clickhouse.client.api.internal.ClickHouseLZ4OutputStream;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jpountz.lz4.LZ4Factory;

/**
 * The part of ClickHouse's HTTP interface that the official client and JDBC driver use, served on
 * 127.0.0.1 in front of a {@link ChdbEngine}: SQL in the body, the output format from {@code
 * X-ClickHouse-Format} (a FORMAT clause wins), {@code compress=1} responses in ClickHouse's
 * compressed block format, the {@code X-ClickHouse-*} response headers, and errors as the server
 * sends them ({@code X-ClickHouse-Exception-Code}), so the driver raises SQLException with the code.
 *
 * <p>Inserts with a data body ({@code query=INSERT … FORMAT RowBinary} and the rows in the body,
 * as the driver's RowBinary writer sends them) stream into the engine; {@code param_*} values
 * bind {@code {name:Type}} placeholders; any other URL parameter is a ClickHouse setting for that
 * request alone. Compressed request bodies ({@code decompress=1}) are refused with a clear error.
 */
public final class ClickHouseHttpServer implements AutoCloseable {
    /** URL parameters that are transport, not ClickHouse settings. */
    /** {@code INSERT INTO t [(columns)] FORMAT f} or {@code … VALUES}, with the data to follow. */
    private static final Pattern INSERT_WITH_DATA = Pattern.compile(
            "(?is)\\s*(INSERT\\s+INTO\\s+.*?)\\s+(VALUES|FORMAT\\s+(\\w+))\\s*;?\\s*");
    private static final Set<String> TRANSPORT = Set.of("query", "compress", "database", "query_id",
            "wait_end_of_query", "user", "password", "default_format", "extremes", "session_id", "session_timeout",
            "client_protocol_version", "http_headers_progress_interval_ms", "send_progress_in_http_headers");

    private final HttpServer server;
    private final ExecutorService executor;
    private final ChdbEngine engine;
    private final String password;

    private ClickHouseHttpServer(HttpServer server, ExecutorService executor, ChdbEngine engine, String password) {
        this.server = server;
        this.executor = executor;
        this.engine = engine;
        this.password = password;
    }

    /**
     * Serves {@code engine} on 127.0.0.1:{@code port} (0 for a free port). With a non-null
     * {@code password}, requests must carry it (HTTP basic authentication, any user name).
     */
    public static ClickHouseHttpServer start(ChdbEngine engine, int port, String password) throws IOException {
        // Without TCP_NODELAY every small response waits ~40 ms for the client's delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "clickhouse-http");
            t.setDaemon(true);
            return t;
        });
        ClickHouseHttpServer front = new ClickHouseHttpServer(server, executor, engine, password);
        server.createContext("/", front::handle);
        server.setExecutor(executor);
        server.start();
        return front;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The JDBC URL of this server. */
    public String jdbcUrl() {
        return "jdbc:clickhouse:http://127.0.0.1:" + port() + "/default";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/ping") || (path.equals("/") && "GET".equals(exchange.getRequestMethod())
                    && exchange.getRequestURI().getRawQuery() == null)) {
                send(exchange, 200, "Ok.\n".getBytes(StandardCharsets.UTF_8), false);
                return;
            }
            if (!authorized(exchange)) {
                error(exchange, 516, "Authentication failed: password is incorrect, or there is no user with such name.");
                return;
            }
            Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
            Map<String, String> settings = new LinkedHashMap<>();
            Map<String, String> queryParams = new LinkedHashMap<>();
            for (Map.Entry<String, String> param : params.entrySet()) {
                String name = param.getKey();
                if (name.startsWith("param_")) queryParams.put(name.substring("param_".length()), param.getValue());
                else if (isSetting(name)) settings.put(name, param.getValue());
            }
            if ("1".equals(params.get("decompress"))) {
                error(exchange, 48, "compressed requests (decompress=1) are not served by the embedded engine yet");
                return;
            }
            String format = headerOr(exchange, "X-ClickHouse-Format", params.getOrDefault("default_format", "TabSeparated"));
            String queryId = params.getOrDefault("query_id", UUID.randomUUID().toString());
            ChdbEngine.Result result;
            try {
                result = run(params.get("query"), exchange.getRequestBody(), format, settings, queryParams);
            } catch (ClickHouseException e) {
                error(exchange, e.code(), e.getMessage());
                return;
            }
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "text/plain; charset=UTF-8");
            headers.set("X-ClickHouse-Format", format);
            headers.set("X-ClickHouse-Query-Id", queryId);
            headers.set("X-ClickHouse-Timezone", "UTC");
            headers.set("X-ClickHouse-Server-Display-Name", "earshot-embedded");
            headers.set("X-ClickHouse-Summary", String.format(
                    "{\"read_rows\":\"%d\",\"read_bytes\":\"%d\",\"written_rows\":\"%d\",\"written_bytes\":\"%d\","
                            + "\"total_rows_to_read\":\"%d\",\"result_rows\":\"%d\",\"elapsed_ns\":\"%d\"}",
                    result.rowsRead(), result.bytesRead(), result.rowsWritten(), result.bytesWritten(),
                    result.rowsRead(), result.rowsRead(), (long) (result.elapsedSeconds() * 1e9)));
            send(exchange, 200, result.output(), "1".equals(params.get("compress")));
        }
    }

    /**
     * Runs a request as the server does: the SQL is the {@code query} parameter followed by the
     * body, or the body alone. An INSERT in the parameter ending in {@code FORMAT f} (or {@code
     * VALUES}) takes the body as its data, streamed into the engine.
     */
    private ChdbEngine.Result run(String query, InputStream body, String format, Map<String, String> settings,
                                  Map<String, String> params) throws IOException {
        if (query == null) return engine.execute(new String(body.readAllBytes(), StandardCharsets.UTF_8), format, settings, params);
        Matcher insert = INSERT_WITH_DATA.matcher(query);
        if (insert.matches()) {
            if (!params.isEmpty()) throw new ClickHouseException(48, "query parameters in an INSERT with a data body are not served by the embedded engine");
            String dataFormat = insert.group(2).equalsIgnoreCase("VALUES") ? "Values" : insert.group(3);
            return engine.insert(insert.group(1), dataFormat, body, settings);
        }
        byte[] rest = body.readAllBytes();
        String sql = rest.length == 0 ? query : query + "\n" + new String(rest, StandardCharsets.UTF_8);
        return engine.execute(sql, format, settings, params);
    }

    private boolean authorized(HttpExchange exchange) {
        if (password == null) return true;
        String supplied = exchange.getRequestHeaders().getFirst("X-ClickHouse-Key");
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (supplied == null && auth != null && auth.startsWith("Basic ")) {
            String decoded = new String(Base64.getDecoder().decode(auth.substring(6).strip()), StandardCharsets.UTF_8);
            supplied = decoded.substring(decoded.indexOf(':') + 1);
        }
        return supplied != null && MessageDigest.isEqual(supplied.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }

    private static void error(HttpExchange exchange, int code, String message) throws IOException {
        int status = code == 62 ? 400 : code == 60 || code == 81 ? 404 : code == 516 ? 401 : 500;
        exchange.getResponseHeaders().set("X-ClickHouse-Exception-Code", String.valueOf(code));
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        String text = message.startsWith("Code: ") ? message : "Code: " + code + ". DB::Exception: " + message;
        send(exchange, status, (text + "\n").getBytes(StandardCharsets.UTF_8), false);
    }

    private static void send(HttpExchange exchange, int status, byte[] body, boolean compress) throws IOException {
        if (!compress) {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) exchange.getResponseBody().write(body);
            return;
        }
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = new ClickHouseLZ4OutputStream(exchange.getResponseBody(),
                LZ4Factory.fastestInstance().fastCompressor(), 1 << 20)) {
            out.write(body);
        }
    }

    private static String headerOr(HttpExchange exchange, String name, String fallback) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null) return params;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    /** Names of URL parameters that are ClickHouse settings rather than transport. */
    static boolean isSetting(String name) {
        return !TRANSPORT.contains(name) && !name.startsWith("param_") && !name.equals("decompress");
    }
}
