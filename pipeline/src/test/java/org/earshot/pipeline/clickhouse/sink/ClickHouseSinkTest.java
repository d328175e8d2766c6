package org.earshot.pipeline.clickhouse.sink;

import org.earshot.pipeline.testing.EarshotClickHouse;
import org.earshot.pipeline.testing.EarshotKafka;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.earshot.pipeline.clickhouse.MentionRows;
import org.earshot.pipeline.kafka.KafkaDeadLetters;
import org.earshot.pipeline.types.MentionTypes;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Mentions;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The sink on a MiniCluster into the embedded engine, refused rows dead-lettered to a real broker. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClickHouseSinkTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final EarshotKafka kafka = new EarshotKafka();
    /** Merges off where duplicates are counted: a row stored twice stays two rows. */
    @RegisterExtension
    final EarshotClickHouse clickhouse = new EarshotClickHouse().keepingEveryRow("mentions");

    private static List<Mention> mentions(int count) {
        List<Mention> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Mention m = Mentions.everyFieldSet();
            m.id = "m-" + i;
            m.text = "text " + i + " with 'quotes', \\backslashes\\, a NUL \u0000 and 😀";
            m.publishedAt = Instant.parse("2026-11-28T10:00:00.123Z").plusSeconds(i);
            m.reach = (long) i;
            out.add(m);
        }
        return out;
    }

    private long query(String sql) throws Exception {
        return clickhouse.server().queryLong(sql);
    }

    private void run(List<Mention> input, ClickHouseSinkOptions options) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);
        env.fromData(MentionTypes.MENTION, input.toArray(Mention[]::new))
                .sinkTo(new ClickHouseSink<>("test-mentions", MentionRows.TABLE, options, new KafkaDeadLetters(kafka.settings())));
        env.execute("sink test");
    }

    @Test
    void writesEveryRowExactlyWithRefusedValuesDeadLetteredNamingTheColumn() throws Exception {
        List<Mention> input = mentions(2_000);
        input.get(17).reach = -5L;                    // UInt64 cannot hold it: the driver refuses
        input.get(1_234).text = "x".repeat(1_100_000); // over the table's text_size constraint: ClickHouse refuses

        run(input, clickhouse.sink().withBatchRows(300));

        assertThat(query("SELECT count() FROM mentions")).isEqualTo(1_998);
        assertThat(query("SELECT uniqExact(id) FROM mentions")).isEqualTo(1_998);
        assertThat(query("SELECT count() FROM mentions WHERE id IN ('m-17', 'm-1234')")).isZero();
        assertThat(query("SELECT toUnixTimestamp64Milli(published_at) FROM mentions WHERE id = 'm-1'"))
                .isEqualTo(Instant.parse("2026-11-28T10:00:01.123Z").toEpochMilli());
        assertThat(query("SELECT count() FROM mentions WHERE text LIKE '%\\'quotes\\', \\\\\\\\backslashes\\\\\\\\, a NUL \\0 and 😀'"))
                .isEqualTo(1_998);

        List<DeadLetter> dead = readDeadLetters(2);
        assertThat(dead).extracting(d -> d.reason).anySatisfy(r -> assertThat(r).contains("column 'reach'").contains("mentions"))
                .anySatisfy(r -> assertThat(r).contains("column 'text'").contains("Code: 469").contains("VIOLATED_CONSTRAINT"));
        assertThat(dead).allSatisfy(d -> {
            assertThat(d.stage).isEqualTo("clickhouse");
            assertThat(d.payloadText()).contains("\"id\":\"m-");
        });
    }

    @Test
    void aServerKilledAndRestartedMidStreamLosesNothingAndStoresNothingTwice() throws Exception {
        List<Mention> input = mentions(20_000);
        Thread killer = new Thread(() -> {
            try {
                while (query("SELECT count() FROM mentions") == 0) Thread.sleep(20);
                clickhouse.server().stop();
                Thread.sleep(1_500);
                clickhouse.server().startAgain(); // the table keeps its no-merge setting
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        killer.start();
        run(input, clickhouse.sink().withBatchRows(500).withRetryTimeout(Duration.ofMinutes(1)));
        killer.join();

        assertThat(query("SELECT count() FROM mentions")).isEqualTo(20_000);
        assertThat(query("SELECT uniqExact(id) FROM mentions")).isEqualTo(20_000);
        assertThat(query("SELECT sum(reach) FROM mentions")).isEqualTo(20_000L * 19_999 / 2);
    }

    @Test
    void aBatchSpanningDecadesOfMonthsIsStored() throws Exception {
        // mentions is partitioned by month: an archive replayed in one batch touches hundreds of partitions.
        List<Mention> input = mentions(400);
        for (int i = 0; i < input.size(); i++) input.get(i).publishedAt = Instant.parse("1992-01-15T00:00:00Z").plus(Duration.ofDays(31L * i));
        run(input, clickhouse.sink().withBatchRows(10_000));
        assertThat(query("SELECT count() FROM mentions")).isEqualTo(400);
        assertThat(query("SELECT uniqExact(toYYYYMM(published_at)) FROM mentions")).isGreaterThan(300);
    }

    private List<DeadLetter> readDeadLetters(int expected) throws Exception {
        Properties props = kafka.settings().toProperties();
        props.setProperty("group.id", "sink-test");
        props.setProperty("auto.offset.reset", "earliest");
        List<DeadLetter> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) out.add(Topics.DEAD_LETTERS.deserialize(r.value()));
            }
        }
        return out;
    }
}
