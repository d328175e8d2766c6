package org.earshot.pipeline.clickhouse.sink;

import com.clickhouse.client.api.data_formats.RowBinaryFormatReader;
import com.clickhouse.client.api.data_formats.internal.BinaryStreamReader;
import com.clickhouse.client.api.query.QuerySettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows a table refused, as dead letters naming the table, the column and the error; the row
 * itself is the payload, as JSON by column name. The channel is opened on the first refusal.
 * Safe for the committer's insert lanes, which may refuse rows at the same time.
 */
final class RejectedRows implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RejectedRows.class);
    static final String STAGE = "clickhouse";

    private final ClickHouseTable<?> table;
    private final DeadLetterChannel channel;
    private final Counter counter;
    private DeadLetterChannel.Writer writer;

    RejectedRows(ClickHouseTable<?> table, DeadLetterChannel channel, Counter counter) {
        this.table = table;
        this.channel = channel;
        this.counter = counter;
    }

    void send(Object[] row, String column, String error) throws IOException {
        send(rowAsJson(row), column, error);
    }

    /** A row as the sink encoded it (RowBinary), dead-lettered as JSON by column name when it reads back. */
    void sendEncoded(byte[] row, String column, String error) throws IOException {
        send(decode(row), column, error);
    }

    synchronized void send(byte[] payload, String column, String error) throws IOException {
        counter.inc();
        String reason = "table " + table.name() + " refused " + (column == null ? "a value" : "column '" + column + "'") + ": " + error;
        if (writer == null) writer = channel.open();
        writer.send(new DeadLetter(payload, STAGE + ":" + table.name(), -1, -1L, STAGE, reason, Instant.now()));
        LOG.warn("Dead-lettered a row: {}", reason);
    }

    synchronized void flush() throws IOException {
        if (writer != null) writer.flush();
    }

    /** A row as JSON by column name; timestamps as ISO-8601. */
    byte[] rowAsJson(Object[] row) {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Column> columns = table.columns();
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            map.put(columns.get(i).name(), value instanceof Instant || value instanceof java.time.temporal.Temporal ? value.toString() : value);
        }
        return Json.toBytes(map);
    }

    /** One encoded row back as JSON by column name, for a person reading the dead letter; the bytes if it does not read. */
    private byte[] decode(byte[] row) {
        try {
            RowBinaryFormatReader reader = new RowBinaryFormatReader(new ByteArrayInputStream(row),
                    new QuerySettings().setUseTimeZone("UTC"), table.schema(), new BinaryStreamReader.DefaultByteBufferAllocator());
            if (!reader.hasNext()) return row;
            Map<String, Object> values = reader.next();
            return rowAsJson(table.columnNames().stream().map(values::get).toArray());
        } catch (RuntimeException e) {
            return row;
        }
    }

    @Override
    public synchronized void close() {
        if (writer != null) writer.close();
    }
}
