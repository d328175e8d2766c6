package org.earshot.jobs.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.console.Progress;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.KafkaConnection;
import org.earshot.pipeline.validate.MentionParser;
import org.earshot.pipeline.validate.ParseResult;
import org.earshot.pipeline.ingest.ReplayFormat;
import org.earshot.pipeline.ingest.ReplayLineFunction;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code earshot replay}: produce a file of mentions into {@code earshot.mentions}. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Produce a file into earshot.mentions, with a progress bar.",
                "Formats: jsonl (one Mention JSON object per line, sent as is), csv (a header naming Mention fields:",
                "id,network,text,url,author,lang,publishedAt,title), text (one post per line)."})
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions settings;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The file to replay.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", description = "jsonl, csv or text (default: from the file name; text otherwise).")
    String format;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "N", description = "Mentions per second; 0 sends as fast as Kafka takes them (default).")
    double rate;

    @Option(names = "--max-request-bytes", defaultValue = "1048576", paramLabel = "BYTES",
            description = "The producer's max.request.size; larger records are refused with an error (default: ${DEFAULT-VALUE}).")
    int maxRequestBytes;

    /** Lines not sent at all (too large for Kafka), by line. */
    private final List<String> refused = new ArrayList<>();
    /** Lines sent that the Listen job will dead-letter, with its reason (the first few are shown). */
    private final List<String> deadLettered = new ArrayList<>();
    private long accepted;
    private static final int REASONS_SHOWN = 5;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        ReplayFormat replayFormat = format == null ? ReplayFormat.guess(file.getFileName().toString()) : parseFormat(format);
        EarshotConfig config = settings.config();
        long total = countLines();
        AtomicLong failed = new AtomicLong();
        long sent;
        try (KafkaConnection kafka = KafkaConnection.open(config, new DataDirectory(settings.data()));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(kafka), new ByteArraySerializer(), new ByteArraySerializer());
             ProgressBar progress = Progress.bar("replay " + file.getFileName(), total, " lines")) {
            Sender sender = new Sender(producer, progress, failed);
            switch (replayFormat) {
                case JSONL -> replayLines(sender, (n, line) -> line.isBlank() ? null
                        : new Payload(ReplayLineFunction.idOf(line), line.getBytes(StandardCharsets.UTF_8)));
                case TEXT -> {
                    Instant now = Instant.now();
                    String source = file.toAbsolutePath().toString();
                    replayLines(sender, (n, line) -> line.isBlank() ? null : payload(ReplayFormat.textMention(source, line, now)));
                }
                case CSV -> replayCsv(sender);
            }
            producer.flush();
            sent = sender.sent;
        }
        System.out.printf("replayed %s into %s: %,d mentions the Listen job accepts, %,d it dead-letters, %,d not sent%n",
                file, Topics.MENTIONS.name(), accepted, deadLettered.size(), refused.size() + failed.get());
        refused.forEach(r -> System.err.println("earshot: " + r));
        deadLettered.stream().limit(REASONS_SHOWN).forEach(r -> System.err.println("earshot: " + r));
        if (deadLettered.size() > REASONS_SHOWN) System.err.printf("earshot: … and %,d more%n", deadLettered.size() - REASONS_SHOWN);
        if (!deadLettered.isEmpty()) System.err.println("earshot: the dead-lettered lines and their reasons stay on " + Topics.DEAD_LETTERS.name()
                + " (earshot deadletters shows them)");
        return refused.isEmpty() && failed.get() == 0 && deadLettered.isEmpty() ? 0 : 1;
    }

    private Properties producerProperties(KafkaConnection kafka) {
        Properties props = kafka.settings().toProperties();
        props.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(maxRequestBytes));
        props.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        props.setProperty(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return props;
    }

    private record Payload(String key, byte[] value) {}

    @FunctionalInterface
    private interface LineMapper {
        Payload map(long lineNumber, String line);
    }

    private void replayLines(Sender sender, LineMapper mapper) throws IOException {
        try (BufferedReader in = reader()) {
            long n = 0;
            for (String line; (line = in.readLine()) != null; ) {
                n++;
                Payload p = mapper.map(n, line);
                if (p == null) sender.skip();
                else sender.send(n, p);
            }
        }
    }

    private void replayCsv(Sender sender) throws IOException {
        Instant now = Instant.now();
        String source = file.toAbsolutePath().toString();
        CSVFormat csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();
        try (Reader in = reader(); CSVParser parser = CSVParser.builder().setReader(in).setFormat(csv).get()) {
            List<String> header = parser.getHeaderNames();
            ReplayFormat.checkCsvHeader(header);
            sender.skip();
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                sender.send(line, payload(ReplayFormat.csvMention(header, record.toList(), source, record.getRecordNumber(), now)));
            }
        }
    }

    /** Sends at the requested rate and refuses what Kafka would refuse, naming the line. */
    private final class Sender {
        private final KafkaProducer<byte[], byte[]> producer;
        private final ProgressBar progress;
        private final AtomicLong failed;
        private final long intervalNanos;
        private long next = System.nanoTime();
        long sent;

        Sender(KafkaProducer<byte[], byte[]> producer, ProgressBar progress, AtomicLong failed) {
            this.producer = producer;
            this.progress = progress;
            this.failed = failed;
            this.intervalNanos = rate > 0 ? (long) (1e9 / rate) : 0;
        }

        void skip() {
            progress.step();
        }

        void send(long line, Payload p) {
            progress.step();
            int size = p.value().length + (p.key() == null ? 0 : p.key().length());
            if (size > maxRequestBytes - 256) {
                refused.add(String.format("line %d of %s: a record of %,d bytes is larger than Kafka accepts (max.request.size %,d); not sent",
                        line, file, size, maxRequestBytes));
                return;
            }
            // The Listen job's own parser says now what the job will do with the line.
            if (MentionParser.parse(p.value(), System.currentTimeMillis()) instanceof ParseResult.Refused r) {
                deadLettered.add(String.format("line %d of %s: %s", line, file, r.reason()));
            } else {
                accepted++;
            }
            pace();
            byte[] key = p.key() == null ? null : p.key().getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(Topics.MENTIONS.name(), key, p.value()), (meta, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                    System.err.printf("earshot: line %d of %s was not written: %s%n", line, file, error.getMessage());
                }
            });
            sent++;
        }

        private void pace() {
            if (intervalNanos == 0) return;
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("replay interrupted");
                }
            }
        }
    }

    private static Payload payload(Mention m) {
        return new Payload(m.id, ReplayFormat.payload(m));
    }

    private BufferedReader reader() throws IOException {
        // Replace undecodable bytes rather than abort: one bad line must not lose the file.
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
    }

    private long countLines() throws IOException {
        try (Stream<String> lines = reader().lines()) {
            return lines.count();
        }
    }

    private static ReplayFormat parseFormat(String format) {
        try {
            return ReplayFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be jsonl, csv or text, not '" + format + "'");
        }
    }
}
