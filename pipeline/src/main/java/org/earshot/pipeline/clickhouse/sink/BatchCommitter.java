package org.earshot.pipeline.clickhouse.sink;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.RowBinaryFormatReader;
import com.clickhouse.client.api.data_formats.internal.BinaryStreamReader;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import com.clickhouse.jdbc.ConnectionImpl;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.Counter;
import org.earshot.schemas.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts the batches of completed checkpoints, each with its deduplication token, through the
 * JDBC driver's client (the encoded rows go as they are). A failure is retried with backoff
 * while ClickHouse is unreachable; a refused value splits the batch until the one refused row is
 * found and dead-lettered with the column and ClickHouse's error; anything else fails the job,
 * which restarts from its checkpoint and commits the same batches again (the tokens make that
 * safe).
 */
final class BatchCommitter implements Committer<InsertBatch> {
    private static final Logger LOG = LoggerFactory.getLogger(BatchCommitter.class);
    /** Where ClickHouse names the column of a refused value. */
    private static final List<Pattern> COLUMN_MENTIONS = List.of(
            Pattern.compile("Column values: (\\w+) ="),
            Pattern.compile("name: '?(\\w+)'?,"),
            Pattern.compile("column '?(\\w+)'?"));

    private final ClickHouseTable<?> table;
    private final ClickHouseSinkOptions options;
    private final RejectedRows rejected;
    private final Counter rowsWritten;
    private final Counter batchesWritten;
    private final Counter retries;
    private final Counter fatalErrors;
    /**
     * Inserts running side by side, each on its own connection: one insert keeps about one core
     * of the engine busy, and the batches of a checkpoint are independent (each has its token).
     */
    static final int LANES = 2;

    /** This sink subtask, as {@link InFlightInserts} knows it. */
    private final String subtask;
    private final List<Lane> lanes = new ArrayList<>();

    BatchCommitter(String subtask, ClickHouseTable<?> table, ClickHouseSinkOptions options, RejectedRows rejected, SinkMetrics metrics) {
        this.subtask = subtask;
        this.table = table;
        this.options = options;
        this.rejected = rejected;
        this.rowsWritten = metrics.rowsWritten();
        this.batchesWritten = metrics.batchesWritten();
        this.retries = metrics.retries();
        this.fatalErrors = metrics.fatalErrors();
        for (int i = 0; i < LANES; i++) lanes.add(new Lane("clickhouse-insert " + table.name() + " " + subtask + " #" + i));
    }

    @Override
    public void commit(Collection<CommitRequest<InsertBatch>> requests) throws IOException, InterruptedException {
        // One checkpoint's inserts at a time; the writer waits for them before the next barrier (see InFlightInserts).
        InFlightInserts.await(subtask);
        List<InsertBatch> batches = requests.stream().map(CommitRequest::getCommittable).toList();
        if (batches.isEmpty()) return;
        List<CompletableFuture<Void>> inserts = new ArrayList<>();
        for (int i = 0; i < lanes.size() && i < batches.size(); i++) {
            Lane lane = lanes.get(i);
            List<InsertBatch> share = new ArrayList<>();
            for (int b = i; b < batches.size(); b += lanes.size()) share.add(batches.get(b));
            inserts.add(CompletableFuture.runAsync(() -> lane.insertAll(share), lane.executor));
        }
        InFlightInserts.start(subtask, CompletableFuture.allOf(inserts.toArray(CompletableFuture[]::new))
                .thenRun(() -> unchecked(rejected::flush)));
    }

    /** One insert thread with its own connection. */
    private final class Lane {
        final ExecutorService executor;
        private Connection connection;

        Lane(String threadName) {
            this.executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
        }

        void insertAll(List<InsertBatch> batches) {
            for (InsertBatch batch : batches) unchecked(() -> insert(batch));
        }

        private void insert(InsertBatch batch) throws IOException, InterruptedException {
            if (batch.size() == 0) return;
            long deadline = System.nanoTime() + options.retryTimeout().toNanos();
            long backoffMillis = 100;
            while (true) {
                try {
                    write(batch);
                    rowsWritten.inc(batch.size());
                    batchesWritten.inc();
                    return;
                } catch (Exception e) {
                    if (e instanceof InterruptedException interrupted) throw interrupted;
                    switch (Failure.of(e)) {
                        case RETRIABLE -> {
                            disconnect();
                            if (System.nanoTime() > deadline) {
                                fatalErrors.inc();
                                throw new IOException("ClickHouse at " + Urls.redacted(options.jdbcUrl()) + " was unreachable for "
                                        + options.retryTimeout() + "; the job restarts from its checkpoint: " + message(e), e);
                            }
                            retries.inc();
                            LOG.warn("ClickHouse insert into {} failed, retrying in {} ms: {}", table.name(), backoffMillis, message(e));
                            Thread.sleep(backoffMillis);
                            backoffMillis = Math.min(backoffMillis * 2, 5_000);
                        }
                        case BAD_DATA -> {
                            if (batch.size() == 1) {
                                rejected.send(decode(batch.row(0)), columnNamed(message(e)), message(e));
                            } else {
                                for (InsertBatch half : batch.halves()) insert(half);
                            }
                            return;
                        }
                        case FATAL -> {
                            fatalErrors.inc();
                            throw new IOException("ClickHouse refused a batch for " + table.name() + ": " + message(e), e);
                        }
                    }
                }
            }
        }

        /** One insert of the whole batch, tagged with its token. */
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
    }

    private interface Io {
        void run() throws IOException, InterruptedException;
    }

    /** Runs an insert step inside a future: its failure completes the future exceptionally. */
    private static void unchecked(Io step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    /** One encoded row back as JSON by column name, for a person reading the dead letter. */
    private byte[] decode(byte[] row) {
        try {
            RowBinaryFormatReader reader = new RowBinaryFormatReader(new ByteArrayInputStream(row),
                    new QuerySettings().setUseTimeZone("UTC"), table.schema(),
                    new BinaryStreamReader.DefaultByteBufferAllocator());
            if (!reader.hasNext()) return row;
            Map<String, Object> values = reader.next();
            Object[] ordered = table.columnNames().stream().map(values::get).toArray();
            return rejected.rowAsJson(ordered);
        } catch (RuntimeException e) {
            return row;
        }
    }

    /** The column a ClickHouse error names, if it names one of this table's. */
    String columnNamed(String message) {
        for (Pattern pattern : COLUMN_MENTIONS) {
            Matcher m = pattern.matcher(message);
            while (m.find()) {
                String name = m.group(1);
                if (table.columnNames().contains(name)) return name;
            }
        }
        return null;
    }

    /** The first line of an error, without the query id the driver appends, and not too long. */
    private static String message(Throwable e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String line = String.valueOf(t.getMessage()).strip();
        int queryId = line.indexOf(" (queryId=");
        if (queryId > 0) line = line.substring(0, queryId);
        return line.length() > 1_000 ? line.substring(0, 1_000) + "…" : line;
    }

    /** Waits for the last insert: a bounded job finishes only once everything is stored. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            InFlightInserts.await(subtask);
        } finally {
            for (Lane lane : lanes) {
                lane.executor.shutdownNow();
                lane.disconnect();
            }
            rejected.close();
        }
    }
}
