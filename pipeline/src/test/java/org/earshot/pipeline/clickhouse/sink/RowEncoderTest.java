package org.earshot.pipeline.clickhouse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.data_formats.RowBinaryFormatReader;
import com.clickhouse.client.api.data_formats.internal.BinaryStreamReader;
import com.clickhouse.client.api.query.QuerySettings;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Earshot's RowBinary, read back with the ClickHouse driver's own reader: every column type,
 * lengths that take more than one LEB128 byte, and a refused value that leaves the batch as it was.
 */
class RowEncoderTest {
    private static final ClickHouseTable<Object[]> TABLE = new ClickHouseTable<>("every_type", List.of(
            Column.of("s", ColumnType.STRING), Column.of("n", ColumnType.UINT64), Column.of("f", ColumnType.FLOAT32),
            Column.of("ts", ColumnType.TIMESTAMP), Column.of("dt", ColumnType.DATETIME), Column.of("a", ColumnType.STRING_ARRAY)),
            row -> row);

    @Test
    void everyTypeReadsBackExactlyWithTheDriversReader() throws Exception {
        String long300 = "ü".repeat(150);                  // 300 UTF-8 bytes: a two-byte length
        String long20k = "x".repeat(20_000);               // a three-byte length
        Instant millis = Instant.parse("2026-11-28T12:34:56.789Z");
        List<Object[]> rows = List.of(
                new Object[] {"quotes ' \" backslash \\ newline \n NUL \u0000 emoji 😀", Long.MAX_VALUE, 0.25, millis,
                        Instant.parse("2106-02-07T06:28:15Z"), List.of("#a", "ü", "")},
                new Object[] {long300, 0L, -1.5, Instant.EPOCH, Instant.EPOCH, List.of()},
                new Object[] {long20k, 42L, 3.0e38, Instant.parse("1969-12-31T23:59:59.999Z"), millis, List.of(long300)});
        RowEncoder encoder = new RowEncoder(TABLE);
        for (Object[] row : rows) encoder.add(row);
        InsertBatch batch = encoder.cut("t/1/0");

        List<Map<String, Object>> read = read(batch.rows());
        assertThat(read).hasSize(3);
        assertThat(read.get(0).get("s")).isEqualTo(rows.get(0)[0]);
        assertThat(read.get(0).get("n").toString()).isEqualTo(String.valueOf(Long.MAX_VALUE));
        assertThat(((Number) read.get(0).get("f")).floatValue()).isEqualTo(0.25f);
        assertThat(instant(read.get(0).get("ts"))).isEqualTo(millis);
        assertThat(instant(read.get(0).get("dt"))).isEqualTo(Instant.parse("2106-02-07T06:28:15Z"));
        assertThat(strings(read.get(0).get("a"))).containsExactly("#a", "ü", "");
        assertThat(read.get(1).get("s")).isEqualTo(long300);
        assertThat(strings(read.get(1).get("a"))).isEmpty();
        assertThat(((Number) read.get(1).get("f")).floatValue()).isEqualTo(-1.5f);
        assertThat(read.get(2).get("s")).isEqualTo(long20k);
        assertThat(instant(read.get(2).get("ts"))).isEqualTo(Instant.parse("1969-12-31T23:59:59.999Z"));
        assertThat(strings(read.get(2).get("a"))).containsExactly(long300);
        // Each row's bytes alone read back as that row (dead letters are decoded this way).
        assertThat(read(batch.row(2)).get(0).get("s")).isEqualTo(long20k);
    }

    @Test
    void aRefusedValueNamesItsColumnAndLeavesTheBatchAsItWas() throws Exception {
        RowEncoder encoder = new RowEncoder(TABLE);
        encoder.add(new Object[] {"kept", 1L, 1.0, Instant.EPOCH, Instant.EPOCH, List.of("a")});
        assertThatThrownBy(() -> encoder.add(new Object[] {"refused", -5L, 1.0, Instant.EPOCH, Instant.EPOCH, List.of()}))
                .isInstanceOf(RefusedValue.class).hasMessageContaining("negative")
                .satisfies(e -> assertThat(((RefusedValue) e).column()).isEqualTo("n"));
        assertThatThrownBy(() -> encoder.add(new Object[] {"refused", 1L, 1.0, Instant.EPOCH, Instant.parse("1960-01-01T00:00:00Z"), List.of()}))
                .isInstanceOf(RefusedValue.class).satisfies(e -> assertThat(((RefusedValue) e).column()).isEqualTo("dt"));
        encoder.add(new Object[] {"after", 2L, 1.0, Instant.EPOCH, Instant.EPOCH, List.of()});

        List<Map<String, Object>> read = read(encoder.cut("t/1/0").rows());
        assertThat(read).extracting(r -> r.get("s")).containsExactly("kept", "after");
    }

    @Test
    void batchesSurviveTheCheckpointCompressedAndOldUncompressedOnesStillRead() throws Exception {
        RowEncoder encoder = new RowEncoder(TABLE);
        for (int i = 0; i < 1_000; i++) encoder.add(new Object[] {"the same words again " + i, (long) i, 1.0, Instant.EPOCH, Instant.EPOCH, List.of()});
        InsertBatch batch = encoder.cut("sink/job/0/7/3");
        InsertBatchSerializer serializer = new InsertBatchSerializer();

        byte[] bytes = serializer.serialize(batch);
        assertThat(bytes.length).as("compressed").isLessThan(batch.rows().length / 2);
        assertThat(serializer.serialize(batch)).as("asked again for the same batch").isSameAs(bytes);
        InsertBatch back = serializer.deserialize(serializer.getVersion(), bytes);
        assertThat(back.token()).isEqualTo(batch.token());
        assertThat(back.offsets()).isEqualTo(batch.offsets());
        assertThat(back.rows()).isEqualTo(batch.rows());
        assertThat(new InsertBatchSerializer().serialize(back)).as("a restored batch, into the next checkpoint").isEqualTo(bytes);

        // As a writer does: compressed in the background once cut, the same bytes in the checkpoint.
        encoder.add(new Object[] {"cut next", 1L, 1.0, Instant.EPOCH, Instant.EPOCH, List.of()});
        InsertBatch next = encoder.cut("sink/job/0/7/4");
        java.util.concurrent.ExecutorService compressing = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            next.compressOn(compressing);
            InsertBatch nextBack = serializer.deserialize(serializer.getVersion(), serializer.serialize(next));
            assertThat(nextBack.rows()).isEqualTo(next.rows());
            assertThat(read(nextBack.rows())).extracting(r -> r.get("s")).containsExactly("cut next");
        } finally {
            compressing.shutdown();
        }
        compressing.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        InsertBatch afterClose = encoder.cut("sink/job/0/7/5");
        afterClose.compressOn(compressing); // refused by a closed writer's executor: compressed when asked
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(afterClose)).size()).isZero();

        org.apache.flink.core.memory.DataOutputSerializer v1 = new org.apache.flink.core.memory.DataOutputSerializer(64);
        v1.writeUTF(batch.token());
        v1.writeInt(batch.size());
        for (int offset : batch.offsets()) v1.writeInt(offset);
        v1.writeInt(batch.rows().length);
        v1.write(batch.rows());
        assertThat(serializer.deserialize(1, v1.getCopyOfBuffer()).rows()).isEqualTo(batch.rows());
    }

    private static List<Map<String, Object>> read(byte[] rows) {
        RowBinaryFormatReader reader = new RowBinaryFormatReader(new ByteArrayInputStream(rows),
                new QuerySettings().setUseTimeZone("UTC"), TABLE.schema(), new BinaryStreamReader.DefaultByteBufferAllocator());
        List<Map<String, Object>> out = new ArrayList<>();
        while (reader.hasNext()) out.add(new java.util.HashMap<>(reader.next())); // the reader reuses its map
        return out;
    }

    private static Instant instant(Object value) {
        if (value instanceof java.time.ZonedDateTime z) return z.toInstant();
        if (value instanceof java.time.OffsetDateTime o) return o.toInstant();
        if (value instanceof java.time.LocalDateTime l) return l.toInstant(java.time.ZoneOffset.UTC);
        return (Instant) value;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) list.forEach(v -> out.add((String) v));
        else if (value instanceof Object[] array) for (Object v : array) out.add((String) v);
        else if (value instanceof com.clickhouse.client.api.data_formats.internal.BinaryStreamReader.ArrayValue a) {
            for (int i = 0; i < a.length(); i++) out.add((String) a.get(i));
        } else throw new AssertionError("an array as " + value.getClass());
        return out;
    }
}
