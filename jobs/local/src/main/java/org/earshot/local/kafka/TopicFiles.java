package org.earshot.local.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.record.FileRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic's records read straight from the log directory of a broker that is not running, as
 * Kafka's own {@code kafka-dump-log} reads them: each partition's segments in offset order. What
 * lets a command read a small topic of the embedded broker in a fraction of a second, where
 * starting the broker takes seconds. Only for a directory no broker holds (the caller holds its
 * {@link DirectoryLock}); a torn batch at a segment's end, left by a broker that was killed, ends
 * that segment as the broker's own recovery would.
 */
public final class TopicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(TopicFiles.class);

    private TopicFiles() {}

    /** Hands each record of {@code topic} (key and value, either may be null) to {@code record}, partition by partition. */
    public static void read(Path logDir, String topic, BiConsumer<byte[], byte[]> record) {
        Pattern partitionDir = Pattern.compile(Pattern.quote(topic) + "-\\d+");
        for (Path partition : list(logDir, p -> Files.isDirectory(p) && partitionDir.matcher(p.getFileName().toString()).matches())) {
            for (Path segment : list(partition, p -> p.getFileName().toString().endsWith(".log"))) readSegment(segment, record);
        }
    }

    private static void readSegment(Path segment, BiConsumer<byte[], byte[]> record) {
        try (FileRecords records = FileRecords.open(segment.toFile(), false)) {
            for (RecordBatch batch : records.batches()) {
                if (batch.isControlBatch()) continue; // transaction markers carry no data
                for (Record r : batch) record.accept(bytes(r.hasKey() ? r.key() : null), bytes(r.hasValue() ? r.value() : null));
            }
        } catch (CorruptRecordException e) {
            LOG.warn("{} ends in a torn batch ({}); read up to it", segment, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka segment " + segment, e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) return null;
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /** The entries of {@code dir} that {@code keep}, by name (segments are named by their first offset, zero-padded). */
    private static List<Path> list(Path dir, java.util.function.Predicate<Path> keep) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(keep).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
