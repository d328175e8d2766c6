package org.earshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.earshot.schemas.FeedRecord;
import org.earshot.pipeline.validate.MentionParser;
import org.earshot.pipeline.validate.ParseResult;
import org.earshot.pipeline.ingest.ReplayFormat;
import org.earshot.pipeline.ingest.ReplaySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The FLIP-27 file replay on a MiniCluster: every line, at the chosen rate. */
class ReplayJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    @TempDir
    Path dir;

    private List<FeedRecord> replay(Path file, ReplayFormat format, double rate) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        var lines = env.fromSource(ReplaySource.lines(file.toUri().toString(), rate), WatermarkStrategy.noWatermarks(), "replay");
        List<FeedRecord> out = new ArrayList<>();
        try (CloseableIterator<FeedRecord> it = ReplayJob.build(lines, format, file.toString()).executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void replaysTextLinesAsValidMentionsAtTheChosenRate() throws Exception {
        Path file = dir.resolve("tweets.txt");
        List<String> posts = IntStream.range(0, 300).mapToObj(i -> "post " + i + " about #AuroraX5 😍").toList();
        Files.write(file, posts, StandardCharsets.UTF_8);

        long start = System.nanoTime();
        List<FeedRecord> records = replay(file, ReplayFormat.TEXT, 150);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(records).hasSize(300);
        assertThat(seconds).isGreaterThan(1.5); // 300 lines at 150 per second
        List<String> texts = records.stream().map(r -> MentionParser.parse(r.value, 0L)).map(p -> {
            assertThat(p).isInstanceOf(ParseResult.Parsed.class);
            return ((ParseResult.Parsed) p).mention().text;
        }).toList();
        assertThat(texts).containsExactlyInAnyOrderElementsOf(posts);
        assertThat(records.stream().map(r -> r.key).collect(Collectors.toSet())).hasSize(300);
    }

    @Test
    void replaysJsonLinesUntouchedKeyedByTheirId() throws Exception {
        Path file = dir.resolve("mentions.jsonl");
        Files.writeString(file, "{\"id\":\"rss:1\",\"network\":\"rss\",\"text\":\"a\"}\n\nbroken {\n", StandardCharsets.UTF_8);
        List<FeedRecord> records = replay(file, ReplayFormat.JSONL, 0);
        assertThat(records).extracting(r -> r.key).containsExactly("rss:1", null);
        assertThat(new String(records.get(1).value, StandardCharsets.UTF_8)).isEqualTo("broken {");
    }
}
