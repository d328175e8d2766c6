package org.earshot.jobs;

import org.earshot.pipeline.testing.EarshotKafka;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.local.demo.DemoMentions;
import org.earshot.schemas.FeedRecord;
import org.earshot.pipeline.validate.MentionParser;
import org.earshot.pipeline.validate.ParseResult;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Listen job through its real wiring ({@link ListenJob#attach}) against a real broker:
 * 10,000 generated mentions with 2 % duplicates and 1 % malformed records.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class ListenEndToEndTest {
    private static final int COUNT = 10_000;
    private static final DemoMentions GENERATOR = new DemoMentions(11L, 0.02, 0.01, 1_767_225_600_000L);

    @TempDir
    Path dir;
    @RegisterExtension
    final EarshotKafka kafka = new EarshotKafka();
    private KafkaTestClient client;
    private List<FeedRecord> records;

    @BeforeEach
    void start() {
        client = new KafkaTestClient(kafka.settings());
        records = IntStream.range(0, COUNT).mapToObj(GENERATOR::generate).toList();
    }

    /** Each test makes the topics with its own partition count on its fresh broker (never deleted and made again). */
    private void topics(int partitions) {
        TopicAdmin.ensureTopics(kafka.settings(), partitions, Topics.all());
    }

    private ListenOptions options() {
        return new ListenOptions(kafka.settings(), "e2e", Duration.ofMillis(400), Duration.ofHours(1), 100_000, Duration.ofSeconds(30));
    }

    private JobClient startListen(boolean fresh) throws Exception {
        return startListen(fresh, 1);
    }

    private JobClient startListen(boolean fresh, int parallelism) throws Exception {
        StreamExecutionEnvironment env = LocalFlink.environment(dir.resolve("checkpoints"), options().checkpointInterval(), parallelism, fresh);
        ListenJob.attach(env, options());
        return env.executeAsync(ListenJob.NAME);
    }

    private Set<String> expectedIds() {
        return records.stream().filter(r -> r.kind == FeedRecord.Kind.VALID).map(r -> r.originalId).collect(Collectors.toSet());
    }

    /** The canonical URL of every unique valid mention. */
    private Set<String> expectedPages() {
        MentionNormalizer normalizer = new MentionNormalizer(100_000);
        return records.stream().filter(r -> r.kind == FeedRecord.Kind.VALID)
                .map(r -> ((ParseResult.Parsed) MentionParser.parse(r.value, 0L)).mention())
                .map(m -> normalizer.normalize(m).canonicalUrl).collect(Collectors.toSet());
    }

    private List<Mention> readEnriched(int expected) throws Exception {
        return client.readAll(Topics.MENTIONS_ENRICHED, l -> l.size() >= expected, Duration.ofMinutes(3), Duration.ofSeconds(3));
    }

    @Test
    void exactlyTheUniqueValidMentionsArriveAndEveryMalformedOneIsDeadLettered() throws Exception {
        topics(1);
        Set<String> expected = expectedIds();
        List<FeedRecord> malformed = records.stream().filter(r -> r.kind == FeedRecord.Kind.MALFORMED).toList();
        assertThat(records.stream().filter(r -> r.kind == FeedRecord.Kind.DUPLICATE).count()).isBetween(150L, 250L);
        assertThat(malformed.size()).isBetween(70, 130);

        client.produce(Topics.MENTIONS, records);
        JobClient job = startListen(true);
        try {
            List<Mention> enriched = readEnriched(expected.size());
            List<DeadLetter> dead = client.readAll(Topics.DEAD_LETTERS, l -> l.size() >= malformed.size(), Duration.ofMinutes(1), Duration.ofSeconds(1));

            assertThat(enriched).hasSize(expected.size());
            assertThat(enriched.stream().map(m -> m.id).collect(Collectors.toSet())).isEqualTo(expected);
            assertThat(enriched).allSatisfy(m -> {
                assertThat(m.canonicalUrl).isNotNull();
                assertThat(m.text).doesNotContain("<p>");
                assertThat(m.publishedAt).isNotNull();
            });

            // One partition, produced in order: a record's offset is its index.
            assertThat(dead).hasSize(malformed.size());
            Map<Long, DeadLetter> byOffset = dead.stream().collect(Collectors.toMap(d -> d.sourceOffset, Function.identity()));
            for (int i = 0; i < COUNT; i++) {
                FeedRecord r = records.get(i);
                if (r.kind != FeedRecord.Kind.MALFORMED) continue;
                DeadLetter d = byOffset.get((long) i);
                assertThat(d).as("dead letter for record %d", i).isNotNull();
                assertThat(d.reason).contains(r.expectedReason);
                assertThat(d.payload).isEqualTo(r.value);
            }
        } finally {
            LocalFlink.cancel(job, Duration.ofMinutes(1));
        }
    }

    @Test
    void parallelSubtasksOverSeveralPartitionsDeliverTheSameExactResult() throws Exception {
        topics(3); // three partitions each, read by two parallel subtasks
        Set<String> expected = expectedIds();
        long malformed = records.stream().filter(r -> r.kind == FeedRecord.Kind.MALFORMED).count();

        client.produce(Topics.MENTIONS, records);
        JobClient job = startListen(true, 2);
        try {
            List<Mention> enriched = readEnriched(expected.size());
            List<DeadLetter> dead = client.readAll(Topics.DEAD_LETTERS, l -> l.size() >= malformed, Duration.ofMinutes(1), Duration.ofSeconds(1));
            // Across partitions a repost may overtake its original, so which copy of a page is
            // kept may differ; what must hold is one mention per page and per id.
            assertThat(enriched.stream().map(m -> m.id).toList()).doesNotHaveDuplicates().hasSize(expected.size());
            assertThat(enriched.stream().map(m -> m.canonicalUrl).toList()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expectedPages());
            assertThat(dead).hasSize((int) malformed);
        } finally {
            LocalFlink.cancel(job, Duration.ofMinutes(1));
        }
    }

    @Test
    void aJobStoppedMidStreamResumesFromItsCheckpointAndDeliversEachMentionOnce() throws Exception {
        topics(1);
        Set<String> expected = expectedIds();
        client.produce(Topics.MENTIONS, records.subList(0, 6_000));

        JobClient first = startListen(true);
        client.readAll(Topics.MENTIONS_ENRICHED, l -> l.size() >= 2_000, Duration.ofMinutes(2), Duration.ZERO);
        Thread producer = new Thread(() -> client.produce(Topics.MENTIONS, records.subList(6_000, 8_000)));
        producer.start();
        Thread.sleep(300);
        LocalFlink.cancel(first, Duration.ofMinutes(1)); // stopped while records flow; the last checkpoint is kept
        producer.join();
        assertThat(LocalFlink.latestCheckpoint(dir.resolve("checkpoints"))).isPresent();

        client.produce(Topics.MENTIONS, records.subList(8_000, COUNT));
        JobClient second = startListen(false);
        try {
            List<Mention> enriched = readEnriched(expected.size());
            Map<String, Long> copies = enriched.stream().collect(Collectors.groupingBy(m -> m.id, Collectors.counting()));
            assertThat(copies.entrySet()).filteredOn(e -> e.getValue() > 1).isEmpty();
            assertThat(copies.keySet()).isEqualTo(expected);
        } finally {
            LocalFlink.cancel(second, Duration.ofMinutes(1));
        }
    }

    /**
     * Rescaled on restart: a checkpoint of one subtask restores into two, each taking its key groups of the dedup
     * state, so every mention the first run had seen, sent again, is still dropped.
     */
    @Test
    void aJobStoppedAtOneSubtaskResumesAtTwoAndStillDropsWhatItHadSeen() throws Exception {
        topics(2);
        Set<String> expected = expectedIds();
        List<FeedRecord> firstPart = records.subList(0, 6_000);
        Set<String> seenFirst = firstPart.stream().filter(r -> r.kind == FeedRecord.Kind.VALID).map(r -> r.originalId).collect(Collectors.toSet());
        client.produce(Topics.MENTIONS, firstPart);
        JobClient first = startListen(true, 1);
        // The topic is read committed: once all of them are there, a checkpoint holds every id they bear.
        client.readAll(Topics.MENTIONS_ENRICHED, l -> l.size() >= seenFirst.size(), Duration.ofMinutes(2), Duration.ZERO);
        LocalFlink.cancel(first, Duration.ofMinutes(1));

        client.produce(Topics.MENTIONS, firstPart); // every one of them again, as a source that replays would
        client.produce(Topics.MENTIONS, records.subList(6_000, COUNT));
        JobClient second = startListen(false, 2);
        try {
            List<Mention> enriched = readEnriched(expected.size());
            // Two partitions read in any interleaving: which copy of a page is kept may differ, as in the test above.
            assertThat(enriched.stream().map(m -> m.id).toList()).doesNotHaveDuplicates().hasSize(expected.size());
            assertThat(enriched.stream().map(m -> m.canonicalUrl).toList()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expectedPages());
        } finally {
            LocalFlink.cancel(second, Duration.ofMinutes(1));
        }
    }
}
