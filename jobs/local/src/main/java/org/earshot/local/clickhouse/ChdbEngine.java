package org.earshot.local.clickhouse;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import org.earshot.local.DirectoryLock;

/**
 * The real ClickHouse engine in this process, on a data directory, through libchdb. Queries
 * return the engine's output in the requested format; errors throw {@link ClickHouseException}
 * with ClickHouse's own code. libchdb's connection is not safe for a streaming insert beside
 * other statements (see the design note), so each statement borrows one of a few connections to
 * the same data directory and has it alone: two inserts run side by side, each on its own core.
 */
public final class ChdbEngine implements AutoCloseable {
    private static final Pattern CODE = Pattern.compile("Code: (\\d+)\\.");
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static Chdb library;

    /** Connections to the data directory: enough for an insert per core beside a query. */
    static final int SESSIONS = 4;

    private final Chdb chdb;
    private final List<Session> sessions;
    private final BlockingQueue<Session> idle;
    private final Path path;
    private final DirectoryLock lock;
    private volatile boolean closed;

    /** The database a statement runs in unless it names another. */
    public static final String DEFAULT_DATABASE = "default";

    /**
     * One libchdb connection: the {@code chdb_connection *} to close, the connection it points to,
     * and the database its {@code USE} last chose (a connection is a session and keeps it).
     */
    private static final class Session {
        final Pointer connectionPointer;
        final Pointer connection;
        String database = DEFAULT_DATABASE;

        Session(Pointer connectionPointer, Pointer connection) {
            this.connectionPointer = connectionPointer;
            this.connection = connection;
        }

        Pointer connection() {
            return connection;
        }

        Pointer connectionPointer() {
            return connectionPointer;
        }
    }

    private ChdbEngine(Chdb chdb, List<Session> sessions, Path path, DirectoryLock lock) {
        this.chdb = chdb;
        this.sessions = sessions;
        this.idle = new ArrayBlockingQueue<>(sessions.size(), false, sessions);
        this.path = path;
        this.lock = lock;
    }

    /**
     * Opens the engine on {@code dataDir} (created if missing). One process per data directory:
     * a second is refused with a sentence naming the directory.
     */
    public static synchronized ChdbEngine open(Path dataDir) {
        DirectoryLock lock = DirectoryLock.acquire(dataDir, "ClickHouse data directory");
        List<Session> sessions = new ArrayList<>();
        try {
            Chdb chdb = load();
            for (int i = 0; i < SESSIONS; i++) {
                Pointer conn = chdb.chdb_connect(2, new String[] {"clickhouse", "--path=" + dataDir.toAbsolutePath()});
                if (conn == null || conn.getPointer(0) == null) {
                    throw new IllegalStateException("cannot open the ClickHouse engine on " + dataDir);
                }
                sessions.add(new Session(conn, conn.getPointer(0)));
            }
            return new ChdbEngine(chdb, List.copyOf(sessions), dataDir, lock);
        } catch (RuntimeException e) {
            if (library != null) sessions.forEach(session -> library.chdb_close_conn(session.connectionPointer()));
            lock.close();
            throw e;
        }
    }

    private static Chdb load() {
        if (library == null) {
            Chdb chdb = Native.load(ChdbLibrary.locate().toString(), Chdb.class);
            chdb.chdb_set_signal_handlers_enabled(0);
            library = chdb;
        }
        return library;
    }

    /** One statement's output and what it read and wrote. */
    public record Result(byte[] output, long rowsRead, long bytesRead, long rowsWritten, long bytesWritten, double elapsedSeconds) {}

    /** Runs one statement; returns its output in {@code format} (e.g. TabSeparated, RowBinaryWithNamesAndTypes). */
    public byte[] query(String sql, String format) {
        return execute(sql, format).output();
    }

    /** Runs one statement, with its statistics. */
    public Result execute(String sql, String format) {
        return withSession(session -> execute(session, sql, format));
    }

    private Result execute(Session session, String sql, String format) {
        byte[] q = utf8(sql);
        byte[] f = utf8(format);
        return result(chdb.chdb_query_n(session.connection(), q, q.length, f, f.length), sql);
    }

    /**
     * Runs one statement with ClickHouse settings that hold for it alone and with values for its
     * {@code {name:Type}} parameters, bound by the engine rather than spliced into the SQL.
     */
    public Result execute(String sql, String format, Map<String, String> settings, Map<String, String> params) {
        return execute(DEFAULT_DATABASE, sql, format, settings, params);
    }

    /** {@link #execute(String, String, Map, Map)} in {@code database}, as a server's {@code ?database=} asks. */
    public Result execute(String database, String sql, String format, Map<String, String> settings, Map<String, String> params) {
        return withSession(database, session -> withSettings(session, settings, () -> {
            if (params.isEmpty()) return execute(session, sql, format);
            byte[] q = utf8(sql);
            byte[] f = utf8(format);
            Strings names = new Strings(params.keySet());
            Strings values = new Strings(params.values());
            return result(chdb.chdb_query_with_params_n(session.connection(), q, q.length, f, f.length,
                    names.pointers, names.lengths, values.pointers, values.lengths, params.size()), sql);
        }));
    }

    /** {@link #execute(String, String, Map, Map)} without parameters. */
    public Result execute(String sql, String format, Map<String, String> settings) {
        return execute(sql, format, settings, Map.of());
    }

    /**
     * Inserts data in {@code format} read from {@code data} through the engine's streaming insert
     * ({@code insert} is {@code INSERT INTO t [(columns)]} without FORMAT or data). Binary
     * formats such as RowBinary must come this way: inside SQL text their bytes are not safe.
     */
    public Result insert(String insert, String format, InputStream data, Map<String, String> settings) {
        return insert(DEFAULT_DATABASE, insert, format, data, settings);
    }

    /** {@link #insert(String, String, InputStream, Map)} in {@code database}. */
    public Result insert(String database, String insert, String format, InputStream data, Map<String, String> settings) {
        // An INSERT takes its settings in its own SETTINGS clause: no SET before and after it.
        return withSession(database, session -> {
            byte[] q = utf8(insert + settingsClause(settings));
            byte[] f = utf8(format);
            Pointer stream = chdb.chdb_stream_insert_n(session.connection(), q, q.length, f, f.length);
            try {
                String error = chdb.chdb_stream_insert_error(stream);
                if (error != null) throw exception(error);
                byte[] chunk = new byte[1 << 20];
                for (int n; (n = readFully(data, chunk)) > 0; ) {
                    if (chdb.chdb_stream_append(stream, chunk, n) != 0) {
                        String failed = chdb.chdb_stream_insert_error(stream);
                        throw exception(failed != null ? failed : "Code: 1000. DB::Exception: the insert stream refused data");
                    }
                }
                return result(chdb.chdb_stream_done(stream), insert);
            } catch (IOException e) {
                throw new ClickHouseException(210, "the insert data could not be read: " + e.getMessage());
            } finally {
                chdb.chdb_destroy_insert_stream(stream);
            }
        });
    }

    /** {@code " SETTINGS a = 'x', b = 'y'"}, or nothing; names are checked, values quoted. */
    private static String settingsClause(Map<String, String> settings) {
        if (settings.isEmpty()) return "";
        StringBuilder clause = new StringBuilder(" SETTINGS ");
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            if (!SETTING_NAME.matcher(setting.getKey()).matches()) {
                throw new ClickHouseException(115, "Unknown setting '" + setting.getKey() + "'");
            }
            if (clause.length() > 10) clause.append(", ");
            clause.append(setting.getKey()).append(" = ").append(quote(setting.getValue()));
        }
        return clause.toString();
    }

    private Result withSession(Function<Session, Result> work) {
        return withSession(DEFAULT_DATABASE, work);
    }

    /** Runs {@code work} in {@code database} on a connection of its own, waiting for one to be free. */
    private Result withSession(String database, Function<Session, Result> work) {
        if (closed) throw new ClickHouseException(1000, "the ClickHouse engine on " + path + " is closed");
        Session session;
        try {
            session = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseException(394, "interrupted while waiting for a ClickHouse connection");
        }
        try {
            if (closed) throw new ClickHouseException(1000, "the ClickHouse engine on " + path + " is closed");
            use(session, database);
            return work.apply(session);
        } finally {
            idle.add(session);
        }
    }

    /** Makes {@code database} the session's current one; an unknown database fails with the engine's UNKNOWN_DATABASE. */
    private void use(Session session, String database) {
        if (database.equals(session.database)) return;
        execute(session, "USE `" + database.replace("\\", "\\\\").replace("`", "\\`") + "`", "TabSeparated");
        session.database = database;
    }

    /** Sets each setting on {@code session} before {@code statement} and restores it after. */
    private Result withSettings(Session session, Map<String, String> settings, Supplier<Result> statement) {
        if (settings.isEmpty()) return statement.get();
        Map<String, String> previous = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                String name = setting.getKey();
                if (!SETTING_NAME.matcher(name).matches()) throw new ClickHouseException(115, "Unknown setting '" + name + "'");
                String old = text(session, "SELECT value FROM system.settings WHERE name = " + quote(name)).strip();
                if (old.isEmpty() && text(session, "SELECT count() FROM system.settings WHERE name = " + quote(name)).strip().equals("0")) {
                    throw new ClickHouseException(115, "Unknown setting '" + name + "'");
                }
                execute(session, "SET " + name + " = " + quote(setting.getValue()), "TabSeparated");
                previous.put(name, old);
            }
            return statement.get();
        } finally {
            previous.forEach((name, old) -> execute(session, "SET " + name + " = " + quote(old), "TabSeparated"));
        }
    }

    /** A ClickHouse string literal; settings accept strings for every type. */
    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Reads a {@code chdb_result *} into a {@link Result} (or its error), and frees it. */
    private Result result(Pointer result, String sql) {
        if (result == null) throw new ClickHouseException(0, "the engine returned no result for: " + sql);
        try {
            String error = chdb.chdb_result_error(result);
            if (error != null && !error.isEmpty()) throw exception(error);
            long length = chdb.chdb_result_length(result);
            Pointer buffer = chdb.chdb_result_buffer(result);
            byte[] output = length == 0 || buffer == null ? new byte[0] : buffer.getByteArray(0, (int) length);
            return new Result(output, chdb.chdb_result_rows_read(result), chdb.chdb_result_bytes_read(result),
                    chdb.chdb_result_rows_written(result), chdb.chdb_result_bytes_written(result), chdb.chdb_result_elapsed(result));
        } finally {
            chdb.chdb_destroy_query_result(result);
        }
    }

    private static ClickHouseException exception(String error) {
        Matcher code = CODE.matcher(error);
        return new ClickHouseException(code.find() ? Integer.parseInt(code.group(1)) : 1000, error.strip());
    }

    private static int readFully(InputStream in, byte[] buffer) throws IOException {
        int n = 0;
        for (int r; n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) > 0; ) n += r;
        return n;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Strings as native UTF-8 buffers with their lengths, for the engine's binary-safe arrays. */
    private static final class Strings {
        final Pointer[] pointers;
        final long[] lengths;

        Strings(java.util.Collection<String> strings) {
            pointers = new Pointer[strings.size()];
            lengths = new long[strings.size()];
            int i = 0;
            for (String s : strings) {
                byte[] bytes = utf8(s);
                Memory memory = new Memory(Math.max(1, bytes.length));
                memory.write(0, bytes, 0, bytes.length);
                pointers[i] = memory;
                lengths[i++] = bytes.length;
            }
        }
    }

    private String text(Session session, String sql) {
        return new String(execute(session, sql, "TabSeparated").output(), StandardCharsets.UTF_8);
    }

    /** {@link #query} in TabSeparated, as text. */
    public String queryText(String sql) {
        return new String(query(sql, "TabSeparated"), StandardCharsets.UTF_8);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            // Each connection is closed once its statement, if any, has finished.
            for (int i = 0; i < sessions.size(); i++) {
                Session session = idle.take();
                chdb.chdb_close_conn(session.connectionPointer());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.close();
        }
    }
}
