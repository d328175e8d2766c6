package org.earshot.dashboards;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * ClickHouse as the dashboards read and write it: every statement is a constant with {@code ?} parameters,
 * bound here; no request text ever becomes SQL. Instants travel as UTC text that the statement converts
 * ({@link #TIME}), which reads the same in every driver and client.
 */
public final class Database {
    /** How a statement reads an instant parameter: {@code WHERE published_at >= }{@value}. */
    public static final String TIME = "toDateTime64(?, 3, 'UTC')";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** Opens a JDBC connection to ClickHouse. */
    public interface Connector {
        Connection connect() throws SQLException;
    }

    /** Reads one row of a result. */
    public interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    private final Connector connector;

    public Database(Connector connector) {
        this.connector = connector;
    }

    public <T> List<T> list(String sql, List<?> params, Row<T> row) throws SQLException {
        try (Connection c = connector.connect(); PreparedStatement s = prepare(c, sql, params); ResultSet r = s.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (r.next()) rows.add(row.read(r));
            return rows;
        }
    }

    /** Reads each row as the server sends it, keeping none: for exports of any size. */
    public void each(String sql, List<?> params, Each each) throws Exception {
        try (Connection c = connector.connect(); PreparedStatement s = prepare(c, sql, params); ResultSet r = s.executeQuery()) {
            while (r.next()) each.accept(r);
        }
    }

    /** Takes one row of a result. */
    public interface Each {
        void accept(ResultSet r) throws Exception;
    }

    public void execute(String sql, List<?> params) throws SQLException {
        try (Connection c = connector.connect(); PreparedStatement s = prepare(c, sql, params)) {
            s.execute();
        }
    }

    /** {@code ?, ?, ?} for {@code n} values of an {@code IN} list: the count is ours, the values stay parameters. */
    public static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(Math.max(1, n), "?"));
    }

    /** A ClickHouse {@code Array(String)} column's value, however the driver hands it over. */
    public static List<String> strings(java.sql.Array a) throws SQLException {
        Object v = a.getArray();
        if (v instanceof Object[] values) return java.util.Arrays.stream(values).map(String::valueOf).toList();
        if (v instanceof List<?> values) return values.stream().map(String::valueOf).toList();
        throw new SQLException("unexpected array " + v.getClass());
    }

    public static String text(Instant t) {
        return UTC.format(t);
    }

    private static PreparedStatement prepare(Connection c, String sql, List<?> params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Instant t) s.setString(i + 1, text(t));
            else if (p instanceof String v) s.setString(i + 1, v);
            else if (p instanceof Long v) s.setLong(i + 1, v);
            else if (p instanceof Integer v) s.setInt(i + 1, v);
            else throw new IllegalArgumentException("unsupported parameter type " + (p == null ? "null" : p.getClass().getName()));
        }
        return s;
    }
}
