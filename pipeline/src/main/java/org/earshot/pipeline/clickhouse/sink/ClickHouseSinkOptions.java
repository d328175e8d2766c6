package org.earshot.pipeline.clickhouse.sink;

import com.clickhouse.jdbc.ClickHouseDriver;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Where and how the sink writes.
 *
 * @param jdbcUrl the ClickHouse JDBC URL, embedded or a real server
 * @param user the ClickHouse user
 * @param password its password (never logged)
 * @param batchRows a batch is cut at this many rows, and at every checkpoint
 * @param retryTimeout how long a batch is retried while ClickHouse is unreachable before the job
 *     fails (and restarts from its checkpoint, losing nothing)
 */
public record ClickHouseSinkOptions(String jdbcUrl, String user, String password, int batchRows, Duration retryTimeout)
        implements Serializable {
    public ClickHouseSinkOptions {
        if (batchRows < 1) throw new IllegalArgumentException("the ClickHouse batch size must be positive");
        if (retryTimeout.isNegative()) throw new IllegalArgumentException("the ClickHouse retry timeout must not be negative");
    }

    /**
     * Rows per insert at most (batches are also cut at every checkpoint). Larger parts mean fewer
     * merges: on two cores 100,000 let the sink insert 173,000 to 211,000 mention rows a second
     * where 50,000 gave 168,000 to 175,000 (`earshot bench clickhouse --count 3000000`).
     */
    public static final int DEFAULT_BATCH_ROWS = 100_000;

    public static ClickHouseSinkOptions of(String jdbcUrl, String password) {
        return new ClickHouseSinkOptions(jdbcUrl, "default", password, DEFAULT_BATCH_ROWS, Duration.ofMinutes(2));
    }

    public ClickHouseSinkOptions withBatchRows(int rows) {
        return new ClickHouseSinkOptions(jdbcUrl, user, password, rows, retryTimeout);
    }

    public ClickHouseSinkOptions withCredentials(String newUser, String newPassword) {
        return new ClickHouseSinkOptions(jdbcUrl, newUser, newPassword, batchRows, retryTimeout);
    }

    public ClickHouseSinkOptions withRetryTimeout(Duration timeout) {
        return new ClickHouseSinkOptions(jdbcUrl, user, password, batchRows, timeout);
    }

    /**
     * A JDBC connection to this ClickHouse; the committer inserts encoded batches through its
     * client, and simple prepared inserts on it use the driver's RowBinary writer.
     */
    public Connection connect() throws SQLException {
        return connect(Map.of());
    }

    /** A connection whose statements all carry these ClickHouse settings. */
    public Connection connect(Map<String, String> serverSettings) throws SQLException {
        Properties props = new Properties();
        serverSettings.forEach((name, value) -> props.setProperty("clickhouse_setting_" + name, value));
        props.setProperty("user", user);
        props.setProperty("password", password == null ? "" : password);
        props.setProperty("beta.row_binary_for_simple_insert", "true");
        // The driver itself, not DriverManager: DriverManager hands out only drivers registered from the caller's class
        // loader, and on a Flink cluster the second job jar uploaded gets a class loader of its own ("No suitable driver").
        Connection connection = new ClickHouseDriver().connect(jdbcUrl, props);
        if (connection == null) throw new SQLException("not a ClickHouse JDBC URL: " + Urls.redacted(jdbcUrl));
        return connection;
    }

    @Override
    public String toString() {
        return "ClickHouseSinkOptions[" + Urls.redacted(jdbcUrl) + ", user " + user + ", batch " + batchRows + " rows, retry " + retryTimeout + "]";
    }
}
