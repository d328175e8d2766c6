package org.earshot.pipeline.clickhouse.sink;

import com.clickhouse.jdbc.StatementImpl;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts the batches of completed checkpoints, each with its deduplication token. A failure
 * is retried with backoff while ClickHouse is unreachable; a refused value splits the batch
 * until the one refused row is found and dead-lettered with the column and ClickHouse's error;
 * anything else fails the job, which restarts from its checkpoint and commits the same batches
 * again (the tokens make that safe).
 */
final class BatchCommitter implements Committer<InsertBatch> {
    private static final Logger LOG = LoggerFactory.getLogger(BatchCommitter.class);
    private static final String STAGE = "clickhouse";
    /** Where ClickHouse and the driver name the column of a refused value. */
    private static final List<Pattern> COLUMN_MENTIONS = List.of(
            Pattern.compile("^column (\\w+): "),
            Pattern.compile("Column values: (\\w+) ="),
            Pattern.compile("name: '?(\\w+)'?,"),
            Pattern.compile("column '?(\\w+)'?"));

    private final ClickHouseTable<?> table;
    private final ClickHouseSinkOptions options;
    private final DeadLetterChannel deadLetterChannel;
    private final Counter rowsWritten;
    private final Counter batchesWritten;
    private final Counter retries;
    private final Counter rowsRefused;
    private final Counter fatalErrors;
    private Connection connection;
    private DeadLetterChannel.Writer deadLetters;

    BatchCommitter(ClickHouseTable<?> table, ClickHouseSinkOptions options, DeadLetterChannel deadLetters, MetricGroup metrics) {
        this.table = table;
        this.options = options;
        this.deadLetterChannel = deadLetters;
        MetricGroup group = metrics.addGroup("clickhouse", table.name());
        this.rowsWritten = group.counter("rowsWritten");
        this.batchesWritten = group.counter("batchesWritten");
        this.retries = group.counter("retries");
        this.rowsRefused = group.counter("rowsDeadLettered");
        this.fatalErrors = group.counter("fatalErrors");
    }

    @Override
    public void commit(Collection<CommitRequest<InsertBatch>> requests) throws IOException, InterruptedException {
        for (CommitRequest<InsertBatch> request : requests) {
            insert(request.getCommittable());
        }
        if (deadLetters != null) deadLetters.flush();
    }

    private void insert(InsertBatch batch) throws IOException, InterruptedException {
        if (batch.rows().isEmpty()) return;
        long deadline = System.nanoTime() + options.retryTimeout().toNanos();
        long backoffMillis = 100;
        while (true) {
            try {
                write(batch);
                rowsWritten.inc(batch.rows().size());
                batchesWritten.inc();
                return;
            } catch (SQLException | RuntimeException e) {
                switch (Failure.of(e)) {
                    case RETRIABLE -> {
                        disconnect();
                        if (System.nanoTime() > deadline) {
                            fatalErrors.inc();
                            throw new IOException("ClickHouse at " + options.jdbcUrl() + " was unreachable for "
                                    + options.retryTimeout() + "; the job restarts from its checkpoint: " + e.getMessage(), e);
                        }
                        retries.inc();
                        LOG.warn("ClickHouse insert into {} failed, retrying in {} ms: {}", table.name(), backoffMillis, e.getMessage());
                        Thread.sleep(backoffMillis);
                        backoffMillis = Math.min(backoffMillis * 2, 5_000);
                    }
                    case BAD_DATA -> {
                        if (batch.rows().size() == 1) {
                            deadLetter(batch.rows().get(0), e);
                        } else {
                            for (InsertBatch half : batch.halves()) insert(half);
                        }
                        return;
                    }
                    case FATAL -> {
                        fatalErrors.inc();
                        throw new IOException("ClickHouse refused a batch for " + table.name() + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    /** One insert of the whole batch, tagged with its token. */
    private void write(InsertBatch batch) throws SQLException {
        Connection c = connection();
        try (PreparedStatement insert = c.prepareStatement(table.insertSql())) {
            insert.unwrap(StatementImpl.class).getLocalSettings().serverSetting("insert_deduplication_token", batch.token());
            List<Column> columns = table.columns();
            for (Object[] row : batch.rows()) {
                for (int i = 0; i < columns.size(); i++) {
                    try {
                        columns.get(i).type().bind(c, insert, i + 1, row[i]);
                    } catch (SQLException | RuntimeException e) {
                        throw new SQLException("column " + columns.get(i).name() + ": " + e.getMessage(), e);
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void deadLetter(Object[] row, Exception error) throws IOException {
        rowsRefused.inc();
        String column = columnNamed(error.getMessage());
        String reason = "table " + table.name() + " refused " + (column == null ? "a value" : "column '" + column + "'")
                + ": " + firstLine(error.getMessage()).replaceFirst("^column \\w+: ", "");
        if (deadLetters == null) deadLetters = deadLetterChannel.open();
        deadLetters.send(new DeadLetter(Json.toBytes(rowAsMap(row)), STAGE + ":" + table.name(), -1, -1L, STAGE, reason, Instant.now()));
        LOG.warn("Dead-lettered a row of {}: {}", table.name(), reason);
    }

    /** The column a ClickHouse or driver error names, if it names one of this table's. */
    String columnNamed(String message) {
        if (message == null) return null;
        for (Pattern pattern : COLUMN_MENTIONS) {
            Matcher m = pattern.matcher(message);
            while (m.find()) {
                String name = m.group(1);
                if (table.columns().stream().anyMatch(c -> c.name().equals(name))) return name;
            }
        }
        return null;
    }

    private Map<String, Object> rowAsMap(Object[] row) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            map.put(table.columns().get(i).name(), value instanceof Instant t ? t.toString() : value);
        }
        return map;
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.strip();
        int queryId = line.indexOf(" (queryId=");
        if (queryId > 0) line = line.substring(0, queryId);
        return line.length() > 1_000 ? line.substring(0, 1_000) + "…" : line;
    }

    private Connection connection() throws SQLException {
        if (connection == null) connection = options.connect();
        return connection;
    }

    private void disconnect() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // It failed already; a new one is opened for the retry.
        }
        connection = null;
    }

    @Override
    public void close() {
        disconnect();
        if (deadLetters != null) deadLetters.close();
    }
}
