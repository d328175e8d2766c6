package org.earshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.earshot.schemas.MentionBuilder.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.earshot.pipeline.aggregate.RuleMatch;
import org.earshot.pipeline.aggregate.RuleMinute;
import org.earshot.pipeline.aggregate.RuleTermCount;
import org.earshot.pipeline.dedup.MentionCopy;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.RawRecord;
import org.earshot.pipeline.matching.RulesAtStart;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Mention;
import org.earshot.schemas.MentionBuilder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Listen job's whole logic in memory: every output {@link ListenJob#build} returns, collected, from mentions and
 * rules given as records. Nothing here needs Kafka or ClickHouse; the sinks are the other tests' business.
 */
class ListenTopologyTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ListenOptions OPTIONS = new ListenOptions(KafkaSettings.of("unused:9092"), "test",
            Duration.ofSeconds(1), Duration.ofHours(1), 10_000, Duration.ofSeconds(5));

    private static RawRecord mention(long offset, MentionBuilder m) {
        return new RawRecord("earshot.mentions", 0, offset, 1_767_225_600_000L + offset, m.json());
    }

    private static RawRecord rule(long offset, String id, String query) {
        return new RawRecord("earshot.rules", 0, offset, 1_767_225_600_000L, id.getBytes(StandardCharsets.UTF_8),
                ("{\"id\":\"" + id + "\",\"query\":\"" + query + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** At parallelism 1 and above it, where the rules reach the matcher from another task. */
    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void everyOutputOfTheJobFromRecordsInMemory(int parallelism) throws Exception {
        List<RawRecord> rules = List.of(rule(0, "acme", "acme"), rule(1, "aurora", "aurora OR #aurorax5"));
        String story = "Acme announced today that its new battery lasts twice as long as last year's model, "
                + "and early reviewers say the claim holds up in daily use across phones and laptops";
        List<RawRecord> input = List.of(
                mention(0, post("mastodon:1").text("acme support fixed my phone in ten minutes, great service").by("ana", 100).at("2026-01-01T00:00:10Z")),
                mention(1, post("bluesky:2").text("acme app is down again, so annoying #fail").by("bo", 40).at("2026-01-01T00:00:20Z")),
                mention(2, post("mastodon:1").text("acme support fixed my phone in ten minutes, great service").by("ana", 100).at("2026-01-01T00:00:10Z")),
                mention(3, MentionBuilder.emoji("mastodon:3").by("cy", 7).at("2026-01-01T00:01:30Z")),
                mention(4, MentionBuilder.spanish("mastodon:4").by("di", 3).at("2026-01-01T00:01:40Z")),
                mention(5, post("rss:5").text(story + " (acme)").at("2026-01-01T00:02:00Z")),
                mention(6, post("rss:6").url("https://mirror.example/copy").text(story.toUpperCase() + " (ACME)").at("2026-01-01T00:02:05Z")),
                mention(7, MentionBuilder.hostile("mastodon:7").at("2026-01-01T00:02:10Z")),
                new RawRecord("earshot.mentions", 0, 8, 1_767_225_600_008L, "{\"id\":".getBytes(StandardCharsets.UTF_8)),
                new RawRecord("earshot.mentions", 0, 9, 1_767_225_600_009L, "mastodon:9".getBytes(StandardCharsets.UTF_8), null));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        // Two inputs race; the matcher holds the mentions until it has read the rules up to their end.
        ListenJob.Streams streams = ListenJob.build(env.fromData(input), env.fromData(rules), RulesAtStart.records(rules.size()), OPTIONS);
        CloseableIterator<Mention> enriched = streams.enriched().collectAsync();
        CloseableIterator<RuleMatch> matches = streams.matches().collectAsync();
        CloseableIterator<RuleMinute> minutes = streams.minutes().collectAsync();
        CloseableIterator<RuleTermCount> terms = streams.terms().collectAsync();
        CloseableIterator<DeadLetter> deadLetters = streams.deadLetters().collectAsync();
        CloseableIterator<MentionCopy> copies = streams.copies().collectAsync();
        CloseableIterator<String> deletions = streams.deletions().collectAsync();
        env.execute("listen-topology-test");

        Map<String, Mention> out = new TreeMap<>();
        enriched.forEachRemaining(m -> assertThat(out.put(m.id, m)).as("%s once", m.id).isNull());
        // Of the two copies of the story the first to arrive stays; above parallelism 1 either may be first.
        String kept = parallelism == 1 ? "rss:5" : out.containsKey("rss:5") ? "rss:5" : "rss:6";
        String copy = kept.equals("rss:5") ? "rss:6" : "rss:5";
        assertThat(out.keySet()).containsExactly("bluesky:2", "mastodon:1", "mastodon:3", "mastodon:4", "mastodon:7", kept);
        assertThat(out).allSatisfy((id, m) -> assertThat(m.lang).as(id).isNotNull());
        assertThat(out.get("mastodon:7").text).as("markup, NUL and bidi override removed").doesNotContain("<", "\u0000", "\u202E");
        assertThat(out.get("mastodon:4").lang).isEqualTo("es");
        assertThat(out.get("bluesky:2").sentiment.label).isEqualTo("negative");

        List<String> matched = new ArrayList<>();
        matches.forEachRemaining(m -> matched.add(m.ruleId + " " + m.mentionId));
        assertThat(matched).containsExactlyInAnyOrder("acme mastodon:1", "acme bluesky:2", "acme " + kept,
                "aurora mastodon:3", "aurora mastodon:4");
        assertThat(out).allSatisfy((id, m) -> assertThat(m.ruleIds).as(id).containsExactlyInAnyOrderElementsOf(
                matched.stream().filter(s -> s.endsWith(" " + id)).map(s -> s.substring(0, s.indexOf(' '))).toList()));

        // Minute rows are deltas: however the windows fired, they add up to the matches of each rule and minute.
        Map<String, Long> perMinute = new TreeMap<>();
        minutes.forEachRemaining(r -> perMinute.merge(r.ruleId + " " + r.minute, r.mentions, Long::sum));
        assertThat(perMinute).containsExactly(
                Map.entry("acme 2026-01-01T00:00:00Z", 2L),
                Map.entry("acme 2026-01-01T00:02:00Z", 1L),
                Map.entry("aurora 2026-01-01T00:01:00Z", 2L));
        Map<String, Long> hashtags = new TreeMap<>();
        terms.forEachRemaining(t -> {
            if (t.kind.equals(RuleTermCount.HASHTAG)) hashtags.merge(t.ruleId + " " + t.term, t.count, Long::sum);
        });
        assertThat(hashtags).containsEntry("aurora #aurorax5", 2L).containsEntry("acme #fail", 1L);

        List<DeadLetter> letters = new ArrayList<>();
        deadLetters.forEachRemaining(letters::add);
        assertThat(letters).extracting(d -> d.sourceOffset).containsExactly(8L);
        List<String> copied = new ArrayList<>();
        copies.forEachRemaining(c -> copied.add(c.originalId + " <- " + c.copyId + " by " + c.matchedBy));
        assertThat(copied).containsExactly(kept + " <- " + copy + " by text");
        List<String> deleted = new ArrayList<>();
        deletions.forEachRemaining(deleted::add);
        assertThat(deleted).containsExactly("mastodon:9");
    }
}
