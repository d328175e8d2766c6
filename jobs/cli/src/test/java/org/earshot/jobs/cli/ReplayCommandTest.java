package org.earshot.jobs.cli;

import org.earshot.pipeline.testing.EarshotKafka;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.earshot.jobs.KafkaArgs;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot replay} against a real broker configured with kafka.bootstrap-servers. */
class ReplayCommandTest {
    @TempDir
    static Path dir;
    @RegisterExtension
    static final EarshotKafka kafka = new EarshotKafka();

    private CapturedRun replay(Path file, String... extra) {
        List<String> args = new ArrayList<>(List.of("replay", "--file", file.toString(), "--data", dir.resolve("data").toString()));
        args.addAll(KafkaArgs.set(kafka.broker()));
        args.addAll(List.of(extra));
        return CapturedRun.of(args.toArray(String[]::new));
    }

    private static List<Mention> newMentions(long from) throws Exception {
        Properties props = kafka.settings().toProperties();
        List<Mention> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition p = new TopicPartition(Topics.MENTIONS.name(), 0);
            consumer.assign(List.of(p));
            consumer.seek(p, from);
            long end = consumer.endOffsets(List.of(p)).get(p);
            while (consumer.position(p) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) out.add(Topics.MENTIONS.deserialize(r.value()));
            }
        }
        return out;
    }

    private static long end() {
        Properties props = kafka.settings().toProperties();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition p = new TopicPartition(Topics.MENTIONS.name(), 0);
            return consumer.endOffsets(List.of(p)).get(p);
        }
    }

    @Test
    void replaysPlainTextOnePostPerLine() throws Exception {
        Path file = dir.resolve("posts.txt");
        Files.writeString(file, "Loving the #AuroraX5 😍\n\nمرحبا بالعالم\nthird post @brewhaus\n", StandardCharsets.UTF_8);
        long from = end();
        CapturedRun r = replay(file);
        assertThat(r.exit()).as(r.err()).isZero();
        List<Mention> mentions = newMentions(from);
        assertThat(mentions).extracting(m -> m.text).containsExactly("Loving the #AuroraX5 😍", "مرحبا بالعالم", "third post @brewhaus");
        assertThat(mentions).extracting(m -> m.network).containsOnly("file");
        assertThat(mentions).extracting(m -> m.id).doesNotHaveDuplicates().allMatch(id -> id.startsWith("file:"));
        // Ids come from the file and the text: a second replay of the same file gives the same ids.
        long again = end();
        assertThat(replay(file).exit()).isZero();
        assertThat(newMentions(again)).extracting(m -> m.id).isEqualTo(mentions.stream().map(m -> m.id).toList());
    }

    @Test
    void replaysCsvWithAHeaderAndQuotedFields() throws Exception {
        Path file = dir.resolve("mentions.csv");
        Files.writeString(file, "id,network,text,url,lang\n"
                + "rss:1,rss,\"Hello, world\",https://blog.example/1,en\n"
                + "rss:2,rss,\"multi\nline \"\"quoted\"\"\",https://blog.example/2,fr\n", StandardCharsets.UTF_8);
        long from = end();
        CapturedRun r = replay(file);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(newMentions(from)).extracting(m -> m.id + "|" + m.text + "|" + m.lang)
                .containsExactly("rss:1|Hello, world|en", "rss:2|multi\nline \"quoted\"|fr");
    }

    @Test
    void replaysJsonLinesAsTheyAreAndRefusesATooLargeRecordByLine() throws Exception {
        Path file = dir.resolve("mentions.jsonl");
        String huge = "x".repeat(2 * 1024 * 1024);
        Files.writeString(file, "{\"id\":\"a:1\",\"network\":\"webhook\",\"text\":\"one\"}\n"
                + "{\"id\":\"a:2\",\"network\":\"webhook\",\"text\":\"" + huge + "\"}\n"
                + "not json, still sent: the Listen job dead-letters it\n", StandardCharsets.UTF_8);
        long from = end();
        CapturedRun r = replay(file, "--rate", "1000");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("line 2 of " + file).contains("larger than Kafka accepts");
        assertThat(end() - from).isEqualTo(2);
    }

    @Test
    void theSummarySaysWhatTheListenJobWillAcceptAndWhatItWillDeadLetterWithTheReasons() throws Exception {
        Path file = dir.resolve("mixed.jsonl");
        Files.writeString(file, "{\"id\":\"mixed:1\",\"network\":\"webhook\",\"text\":\"fine\"}\n"
                + "this is not JSON\n"
                + "{\"id\":\"mixed:3\",\"network\":\"Not A Network\",\"text\":\"x\"}\n"
                + "{\"id\":\"mixed:4\",\"network\":\"webhook\"}\n", StandardCharsets.UTF_8);
        CapturedRun r = replay(file);
        assertThat(r.exit()).as("not silent: something was refused").isEqualTo(1);
        assertThat(r.out()).contains(": 1 mentions the Listen job accepts, 3 it dead-letters, 0 not sent");
        assertThat(r.err()).contains("line 2 of " + file + ": invalid JSON")
                .contains("line 3 of " + file + ": field 'network' must be")
                .contains("line 4 of " + file + ": missing required field 'text'")
                .contains("earshot deadletters shows them");
    }

    @Test
    void aCsvHeaderWithAColumnThatIsNotAFieldIsRefusedBeforeAnythingIsSent() throws Exception {
        Path file = dir.resolve("typo.csv");
        Files.writeString(file, "id,txt\nrss:9,hello\n", StandardCharsets.UTF_8);
        long from = end();
        CapturedRun r = replay(file);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("the CSV header names a column 'txt', which is not a mention field (did you mean text?)");
        assertThat(end()).as("nothing sent").isEqualTo(from);
    }
}
