package org.earshot.jobs.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.console.Text;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.KafkaConnection;
import org.earshot.pipeline.settings.Durations;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Json;
import org.earshot.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code earshot deadletters}: what was refused, and why, newest last. */
@Command(name = "deadletters", mixinStandardHelpOptions = true,
        description = {"Print the records Earshot refused, kept on earshot.deadletters with their reasons: malformed "
                               + "mentions and rules, feed payloads it could not read, rows ClickHouse refused. The newest last."})
final class DeadLettersCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(500);

    @Mixin
    SettingsOptions settings;

    @Option(names = "--since", paramLabel = "DURATION", description = "Only those refused in the last DURATION, e.g. 1h or 2d (default: all kept).")
    String since;

    @Option(names = "--source", paramLabel = "S", description = "Only those from this topic, source or stage (parse, validate, ingest, clickhouse, …).")
    String source;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "The newest N (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One dead letter JSON object per line (the payload base64-encoded), as on the topic.")
    boolean json;

    @Override
    public Integer call() throws java.io.IOException {
        if (limit < 1) throw new IllegalArgumentException("--limit must be at least 1");
        Instant from = since == null ? null : Instant.now().minus(Durations.parse("--since", since));
        EarshotConfig config = settings.config();
        DataDirectory data = config.kafka().isPresent() ? new DataDirectory(settings.data()) : DataDirectory.existing(settings.data());
        Deque<DeadLetter> newest = new ArrayDeque<>();
        long matched = 0;
        try (KafkaConnection kafka = KafkaConnection.open(config, data)) {
            Properties props = kafka.settings().toProperties();
            props.setProperty("isolation.level", "read_committed");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTERS.name(), Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                seek(consumer, partitions, from);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                        DeadLetter d = Topics.DEAD_LETTERS.deserialize(r.value());
                        if (!matches(d)) continue;
                        matched++;
                        newest.addLast(d);
                        if (newest.size() > limit) newest.removeFirst();
                    }
                }
            }
        }
        for (DeadLetter d : newest) System.out.println(json ? Json.toString(d) : line(d));
        System.err.printf("%,d dead letters%s%s%n", matched, since == null ? "" : " in the last " + since,
                matched > newest.size() ? String.format(" (the newest %,d shown; --limit shows more)", newest.size()) : "");
        return 0;
    }

    private static void seek(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Instant from) {
        if (from == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(p -> at.put(p, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(at);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp o = offsets.get(p);
            if (o == null) consumer.seekToEnd(List.of(p));
            else consumer.seek(p, o.offset());
        }
    }

    private boolean matches(DeadLetter d) {
        if (source == null) return true;
        String s = source.toLowerCase(Locale.ROOT);
        return (d.sourceTopic != null && d.sourceTopic.toLowerCase(Locale.ROOT).contains(s)) || s.equalsIgnoreCase(d.stage);
    }

    /** When, where from, which stage, why, and the start of what was refused, on one line. */
    static String line(DeadLetter d) {
        String from = d.sourceTopic == null ? "?" : d.sourceTopic + (d.sourceOffset >= 0 ? "@" + d.sourcePartition + ":" + d.sourceOffset : "");
        String payload = Text.cell(d.payloadText(), 80);
        return d.failedAt + "  " + from + "  " + d.stage + "  " + Text.printable(d.reason) + "  " + payload;
    }
}
