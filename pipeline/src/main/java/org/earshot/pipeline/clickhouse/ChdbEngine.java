package org.earshot.pipeline.clickhouse;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.earshot.pipeline.kafka.DirectoryLock;

/**
 * The real ClickHouse engine in this process, on a data directory, through libchdb. Queries
 * return the engine's output in the requested format; errors throw {@link ClickHouseException}
 * with ClickHouse's own code. Serialized by a lock: libchdb's connection is not safe for a
 * streaming insert beside other statements (see the design note).
 */
public final class ChdbEngine implements AutoCloseable {
    private static final Pattern CODE = Pattern.compile("Code: (\\d+)\\.");
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static Chdb library;

    private final Chdb chdb;
    private final Pointer connectionPointer;
    private final Pointer connection;
    private final Path path;
    private final DirectoryLock lock;

    private ChdbEngine(Chdb chdb, Pointer connectionPointer, Path path, DirectoryLock lock) {
        this.chdb = chdb;
        this.connectionPointer = connectionPointer;
        this.connection = connectionPointer.getPointer(0);
        this.path = path;
        this.lock = lock;
    }

    /**
     * Opens the engine on {@code dataDir} (created if missing). One process per data directory:
     * a second is refused with a sentence naming the directory.
     */
    public static synchronized ChdbEngine open(Path dataDir) {
        DirectoryLock lock = DirectoryLock.acquire(dataDir, "ClickHouse data directory");
        try {
            Chdb chdb = load();
            Pointer conn = chdb.chdb_connect(2, new String[] {"clickhouse", "--path=" + dataDir.toAbsolutePath()});
            if (conn == null || conn.getPointer(0) == null) {
                throw new IllegalStateException("cannot open the ClickHouse engine on " + dataDir);
            }
            return new ChdbEngine(chdb, conn, dataDir, lock);
        } catch (RuntimeException e) {
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

    /**
     * Runs one statement with ClickHouse settings that hold for it alone: each is set before it
     * and restored after, under this engine's lock, so no other statement sees them.
     */
    public synchronized Result execute(String sql, String format, Map<String, String> settings) {
        if (settings.isEmpty()) return execute(sql, format);
        Map<String, String> previous = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                String name = setting.getKey();
                if (!SETTING_NAME.matcher(name).matches()) throw new ClickHouseException(115, "Unknown setting '" + name + "'");
                String old = queryText("SELECT value FROM system.settings WHERE name = " + quote(name)).strip();
                if (old.isEmpty() && queryText("SELECT count() FROM system.settings WHERE name = " + quote(name)).strip().equals("0")) {
                    throw new ClickHouseException(115, "Unknown setting '" + name + "'");
                }
                execute("SET " + name + " = " + quote(setting.getValue()), "TabSeparated");
                previous.put(name, old);
            }
            return execute(sql, format);
        } finally {
            previous.forEach((name, old) -> execute("SET " + name + " = " + quote(old), "TabSeparated"));
        }
    }

    /** A ClickHouse string literal; settings accept strings for every type. */
    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Runs one statement, with its statistics. */
    public synchronized Result execute(String sql, String format) {
        byte[] q = sql.getBytes(StandardCharsets.UTF_8);
        byte[] f = format.getBytes(StandardCharsets.UTF_8);
        Pointer result = chdb.chdb_query_n(connection, q, q.length, f, f.length);
        if (result == null) throw new ClickHouseException(0, "the engine returned no result for: " + sql);
        try {
            String error = chdb.chdb_result_error(result);
            if (error != null && !error.isEmpty()) {
                Matcher code = CODE.matcher(error);
                throw new ClickHouseException(code.find() ? Integer.parseInt(code.group(1)) : 1000, error.strip());
            }
            long length = chdb.chdb_result_length(result);
            Pointer buffer = chdb.chdb_result_buffer(result);
            byte[] output = length == 0 || buffer == null ? new byte[0] : buffer.getByteArray(0, (int) length);
            return new Result(output, chdb.chdb_result_rows_read(result), chdb.chdb_result_bytes_read(result),
                    chdb.chdb_result_rows_written(result), chdb.chdb_result_bytes_written(result), chdb.chdb_result_elapsed(result));
        } finally {
            chdb.chdb_destroy_query_result(result);
        }
    }

    /** {@link #query} in TabSeparated, as text. */
    public String queryText(String sql) {
        return new String(query(sql, "TabSeparated"), StandardCharsets.UTF_8);
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() {
        try {
            chdb.chdb_close_conn(connectionPointer);
        } finally {
            lock.close();
        }
    }
}
