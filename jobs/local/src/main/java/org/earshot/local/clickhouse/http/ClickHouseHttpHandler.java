package org.earshot.local.clickhouse.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.earshot.local.clickhouse.ChdbEngine;
import org.earshot.local.clickhouse.ClickHouseException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One request of ClickHouse's HTTP interface, as the server answers it:
 * <ol>
 *   <li>{@code /ping} and a bare {@code GET /} answer {@code Ok.} to anyone (health checks);
 *   <li>{@link AccessCheck}: the Host, the Origin, then the password;
 *   <li>the body decoded per {@code Content-Encoding} and {@code decompress=1} ({@link ContentCoding});
 *   <li>the SQL is the {@code query} parameter followed by the body, or the body alone; an INSERT's
 *       data ({@code VALUES …}, {@code FORMAT f} and rows, in the text or in the body) is cut off
 *       ({@link SqlText}) and streamed into the engine's insert, as the server does, so nothing
 *       after the data is ever read as SQL;
 *   <li>{@link StatementGuard}: one statement, read-only for GET, nothing beyond the database;
 *   <li>statements run in the database of {@code X-ClickHouse-Database} or {@code database=}
 *       ({@code default} without), as on a server; {@code SET} and {@code USE} are answered and
 *       forgotten (no sessions: the server forgets them too); {@code param_*} bind {@code {name:Type}} placeholders; any other parameter is a
 *       setting for this request alone;
 *   <li>the answer in the output format ({@code X-ClickHouse-Format}, {@code default_format}, or a
 *       FORMAT clause), with {@code X-ClickHouse-Summary}, compressed per {@code compress=1} or
 *       {@code enable_http_compression=1}, or ClickHouse's error text with {@code
 *       X-ClickHouse-Exception-Code}, so the driver raises SQLException with the code.
 * </ol>
 */
final class ClickHouseHttpHandler extends Handler.Abstract {
    /** The largest SQL text read into memory; an INSERT's data beyond it is streamed. */
    static final int MAX_SQL_BYTES = 16 << 20;
    /** URL parameters that are transport or handled here, not ClickHouse settings. */
    private static final Set<String> TRANSPORT = Set.of("query", "compress", "decompress", "database", "query_id",
            "wait_end_of_query", "user", "password", "default_format", "extremes", "session_id", "session_timeout",
            "session_check", "client_protocol_version", "http_headers_progress_interval_ms", "send_progress_in_http_headers",
            "enable_http_compression", "http_zlib_compression_level", "readonly", "buffer_size", "quota_key", "role",
            "http_response_buffer_size", "add_http_cors_header", "http_native_compression_disable_checksumming_on_decompress");

    private final ChdbEngine engine;
    private final AccessCheck access;
    private final StatementGuard guard;

    ClickHouseHttpHandler(ChdbEngine engine, FrontOptions options) {
        this.engine = engine;
        this.access = new AccessCheck(options);
        this.guard = new StatementGuard(engine, options.externalAccess());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            serve(request, response);
            callback.succeeded();
        } catch (Throwable t) {
            callback.failed(t);
        }
        return true;
    }

    private void serve(Request request, Response response) throws IOException {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        if (path.equals("/ping") || (path.equals("/") && method.equals("GET") && fields.getSize() == 0)) {
            send(request, response, 200, "Ok.\n".getBytes(StandardCharsets.UTF_8), Compression.NONE);
            return;
        }
        try {
            var headers = request.getHeaders();
            access.checkHost(headers.get(HttpHeader.HOST));
            access.checkOrigin(headers.get(HttpHeader.ORIGIN));
            access.checkCredentials(headers.get(HttpHeader.AUTHORIZATION), headers.get("X-ClickHouse-User"),
                    headers.get("X-ClickHouse-Key"), fields.getValue("user"), fields.getValue("password"));
            if (!method.equals("GET") && !method.equals("POST") && !method.equals("HEAD")) {
                throw new ClickHouseException(1, "HTTP method " + AccessCheck.printable(method) + " is not served; use GET or POST. (UNSUPPORTED_METHOD)");
            }
            String database = firstNonBlank(headers.get("X-ClickHouse-Database"), fields.getValue("database"), ChdbEngine.DEFAULT_DATABASE);
            Map<String, String> settings = new LinkedHashMap<>();
            Map<String, String> params = new LinkedHashMap<>();
            for (Fields.Field field : fields) {
                String name = field.getName();
                if (name.startsWith("param_")) params.put(name.substring(6), field.getValue());
                else if (!TRANSPORT.contains(name)) settings.put(name, field.getValue());
            }
            String readonly = fields.getValue("readonly");
            boolean readOnly = !method.equals("POST") || (readonly != null && !readonly.equals("0"));
            InputStream body = ContentCoding.decode(Request.asInputStream(request), headers.get(HttpHeader.CONTENT_ENCODING),
                    "1".equals(fields.getValue("decompress")));
            String format = firstNonBlank(headers.get("X-ClickHouse-Format"), fields.getValue("default_format"), "TabSeparated");
            Compression compression = Compression.of("1".equals(fields.getValue("enable_http_compression")),
                    headers.get(HttpHeader.ACCEPT_ENCODING), "1".equals(fields.getValue("compress")));
            Answer answer = run(database, fields.getValue("query"), body, readOnly, format, settings, params);
            var out = response.getHeaders();
            out.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=UTF-8");
            out.put("X-ClickHouse-Format", answer.format());
            out.put("X-ClickHouse-Query-Id", firstNonBlank(fields.getValue("query_id"), UUID.randomUUID().toString()));
            out.put("X-ClickHouse-Timezone", "UTC");
            out.put("X-ClickHouse-Server-Display-Name", "earshot-embedded");
            ChdbEngine.Result result = answer.result();
            out.put("X-ClickHouse-Summary", String.format(
                    "{\"read_rows\":\"%d\",\"read_bytes\":\"%d\",\"written_rows\":\"%d\",\"written_bytes\":\"%d\","
                            + "\"total_rows_to_read\":\"%d\",\"result_rows\":\"%d\",\"elapsed_ns\":\"%d\"}",
                    result.rowsRead(), result.bytesRead(), result.rowsWritten(), result.bytesWritten(),
                    result.rowsRead(), result.rowsRead(), (long) (result.elapsedSeconds() * 1e9)));
            send(request, response, 200, method.equals("HEAD") ? new byte[0] : result.output(), compression);
        } catch (ClickHouseException e) {
            error(request, response, e.code(), e.getMessage());
        }
    }

    /** The statement's result, and the format it is in. */
    private record Answer(ChdbEngine.Result result, String format) {}

    private static final ChdbEngine.Result NOTHING = new ChdbEngine.Result(new byte[0], 0, 0, 0, 0, 0);

    private Answer run(String database, String query, InputStream body, boolean readOnly, String format, Map<String, String> settings,
                       Map<String, String> params) throws IOException {
        if (query != null) {
            Optional<SqlText.InlineInsert> insert = SqlText.inlineInsert(query);
            if (insert.isPresent()) {
                // The rows follow in the body (the driver's RowBinary writer, curl --data-binary).
                byte[] inQuery = query.substring(insert.get().dataStart()).getBytes(StandardCharsets.UTF_8);
                return insert(database, insert.get(), new SequenceInputStream(new ByteArrayInputStream(inQuery), body), readOnly, settings, params);
            }
        }
        PushbackInputStream in = new PushbackInputStream(body, 1);
        byte[] head = in.readNBytes(MAX_SQL_BYTES);
        int next = head.length == MAX_SQL_BYTES ? in.read() : -1;
        boolean more = next >= 0;
        if (more) in.unread(next);
        String bodyText = new String(head, StandardCharsets.UTF_8);
        String prefix = query == null ? "" : head.length == 0 ? query : query + "\n";
        String text = prefix + bodyText;
        Optional<SqlText.InlineInsert> insert = SqlText.inlineInsert(text);
        if (insert.isPresent()) {
            int start = insert.get().dataStart() - prefix.length();
            // The data's own bytes, not a re-encoding of them: CSV may hold any bytes.
            int offset = start < 0 ? 0 : bodyText.substring(0, start).getBytes(StandardCharsets.UTF_8).length;
            InputStream data = new ByteArrayInputStream(head, offset, head.length - offset);
            if (start < 0) {
                byte[] inQuery = prefix.substring(insert.get().dataStart()).getBytes(StandardCharsets.UTF_8);
                data = new SequenceInputStream(new ByteArrayInputStream(inQuery), data);
            }
            return insert(database, insert.get(), more ? new SequenceInputStream(data, in) : data, readOnly, settings, params);
        }
        if (more) throw new ClickHouseException(369, "The query is larger than " + MAX_SQL_BYTES + " bytes. (QUERY_IS_TOO_LARGE)");
        if (text.isBlank()) throw new ClickHouseException(62, "Empty query. (SYNTAX_ERROR)");
        StatementGuard.Statement statement = guard.check(text, params, readOnly);
        if (statement.withData()) {
            throw new ClickHouseException(62, "Cannot tell where the data of this INSERT begins; put the data after VALUES or FORMAT name. (SYNTAX_ERROR)");
        }
        if (statement.sessionOnly()) return new Answer(NOTHING, format);
        return new Answer(engine.execute(database, text, format, settings, params), outputFormat(statement, format));
    }

    private Answer insert(String database, SqlText.InlineInsert insert, InputStream data, boolean readOnly, Map<String, String> settings,
                          Map<String, String> params) {
        StatementGuard.Statement statement = guard.check(insert.statement() + " FORMAT " + insert.format(), params, readOnly);
        if (!statement.withData()) throw new ClickHouseException(62, "Cannot read this INSERT's data. (SYNTAX_ERROR)");
        if (!params.isEmpty()) {
            throw new ClickHouseException(48, "query parameters in an INSERT with data are not served by the embedded engine. (NOT_IMPLEMENTED)");
        }
        return new Answer(engine.insert(database, insert.statement(), insert.format(), data, settings), "TabSeparated");
    }

    /** The format of the answer: the statement's FORMAT clause wins over the requested one. */
    private static String outputFormat(StatementGuard.Statement statement, String requested) {
        List<String> words = SqlText.words(statement.canonical());
        for (int i = words.size() - 2; i >= 0; i--) if (words.get(i).equalsIgnoreCase("FORMAT")) return words.get(i + 1);
        return requested;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return "";
    }

    /** How the answer is compressed. */
    private record Compression(String httpCoding, boolean clickHouseBlocks) {
        static final Compression NONE = new Compression(null, false);

        static Compression of(boolean httpCompression, String acceptEncoding, boolean compress) {
            Optional<String> coding = httpCompression ? ContentCoding.responseCoding(acceptEncoding) : Optional.empty();
            return new Compression(coding.orElse(null), coding.isEmpty() && compress);
        }
    }

    private static void send(Request request, Response response, int status, byte[] body, Compression compression) throws IOException {
        response.setStatus(status);
        if (compression.httpCoding() != null) response.getHeaders().put(HttpHeader.CONTENT_ENCODING, compression.httpCoding());
        else if (!compression.clickHouseBlocks()) response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        try (OutputStream raw = Response.asBufferedOutputStream(request, response)) {
            OutputStream out = compression.httpCoding() != null ? ContentCoding.encode(raw, compression.httpCoding())
                    : compression.clickHouseBlocks() ? ContentCoding.clickHouseBlocks(raw) : raw;
            out.write(body);
            out.close();
        }
    }

    private static void error(Request request, Response response, int code, String message) throws IOException {
        int status = switch (code) {
            case 516 -> 401;
            case 497, 164 -> 403;
            case 60, 81, 46 -> 404;
            case 369 -> 413;
            case 62, 27, 6, 26, 36, 41, 53, 72, 115, 117 -> 400;
            case 48, 1 -> 501;
            default -> 500;
        };
        if (status == 401) response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"ClickHouse\"");
        response.getHeaders().put("X-ClickHouse-Exception-Code", String.valueOf(code));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=UTF-8");
        String text = message.startsWith("Code: ") ? message : "Code: " + code + ". DB::Exception: " + message;
        send(request, response, status, (text + "\n").getBytes(StandardCharsets.UTF_8), Compression.NONE);
    }
}
