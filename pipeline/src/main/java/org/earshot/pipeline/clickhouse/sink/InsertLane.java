package org.earshot.pipeline.clickhouse.sink;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import com.clickhouse.jdbc.ConnectionImpl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One insert thread with its own connection. Each batch goes in whole, tagged with its deduplication token. A
 * failure is retried with backoff while ClickHouse is unreachable, up to the sink's retry timeout; a refused
 * value splits the batch in halves until the one refused row is found and dead-lettered ({@link RejectedRows});
 * anything else fails the insert, and with it the job.
 */
final class InsertLane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InsertLane.class);

    private final ClickHouseTable<?> table;
    private final ClickHouseSinkOptions options;
    private final RejectedRows rejected;
    private final SinkMetrics metrics;
    private final ExecutorService executor;
    private Connection connection;

    InsertLane(String threadName, ClickHouseTable<?> table, ClickHouseSinkOptions options, RejectedRows rejected, SinkMetrics metrics) {
        this.table = table;
        this.options = options;
        this.rejected = rejected;
        this.metrics = metrics;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Inserts the batches one after the other on this lane's thread; the future fails with the first batch that fails. */
    CompletableFuture<Void> insertAll(List<InsertBatch> batches) {
        return CompletableFuture.runAsync(() -> {
            for (InsertBatch batch : batches) {
                try {
                    insert(batch);
                } catch (IOException e) {
                    throw new CompletionException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
            }
        }, executor);
    }

    private void insert(InsertBatch batch) throws IOException, InterruptedException {
        if (batch.size() == 0) return;
        long deadline = System.nanoTime() + options.retryTimeout().toNanos();
        long backoffMillis = 100;
        while (true) {
            try {
                write(batch);
                metrics.rowsWritten().inc(batch.size());
                metrics.batchesWritten().inc();
                return;
            } catch (Exception e) {
                if (e instanceof InterruptedException interrupted) throw interrupted;
                String error = ErrorText.of(e);
                switch (Failure.of(e)) {
                    case RETRIABLE -> {
                        disconnect();
                        if (System.nanoTime() > deadline) {
                            metrics.fatalErrors().inc();
                            throw new IOException("ClickHouse at " + Urls.redacted(options.jdbcUrl()) + " was unreachable for "
                                    + options.retryTimeout() + "; the job restarts from its checkpoint: " + error, e);
                        }
                        metrics.retries().inc();
                        LOG.warn("ClickHouse insert into {} failed, retrying in {} ms: {}", table.name(), backoffMillis, error);
                        Thread.sleep(backoffMillis);
                        backoffMillis = Math.min(backoffMillis * 2, 5_000);
                    }
                    case BAD_DATA -> {
                        if (batch.size() == 1) {
                            rejected.sendEncoded(batch.row(0), ErrorText.columnNamed(error, table.columnNames()), error);
                        } else {
                            for (InsertBatch half : batch.halves()) insert(half);
                        }
                        return;
                    }
                    case FATAL -> {
                        metrics.fatalErrors().inc();
                        throw new IOException("ClickHouse refused a batch for " + table.name() + ": " + error, e);
                    }
                }
            }
        }
    }

    /** One insert of the whole batch, tagged with its token; the encoded rows go as they are. */
    private void write(InsertBatch batch) throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        Client client = connection().unwrap(ConnectionImpl.class).getClient();
        InsertSettings settings = new InsertSettings().setDeduplicationToken(batch.token());
        ClickHouseSink.INSERT_SETTINGS.forEach(settings::serverSetting);
        try (InsertResponse response = client.insert(table.name(), table.columnNames(), new ByteArrayInputStream(batch.rows()),
                ClickHouseFormat.RowBinary, settings).get(10, TimeUnit.MINUTES)) {
            LOG.debug("{} rows into {} ({})", response.getWrittenRows(), table.name(), batch.token());
        }
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
        executor.shutdownNow();
        disconnect();
    }
}
