package org.earshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.RawRecord;
import org.earshot.pipeline.matching.RulesAtStart;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Mention;
import org.earshot.schemas.MentionBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Listen topology on a MiniCluster, fed with {@code fromData}. */
class ListenJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ListenOptions OPTIONS = new ListenOptions(KafkaSettings.of("unused:9092"), "test",
            Duration.ofSeconds(1), Duration.ofHours(1), 10_000, Duration.ofSeconds(5));

    private static RawRecord raw(long offset, String json) {
        return new RawRecord("earshot.mentions", 0, offset, 1_767_225_600_000L + offset, json.getBytes(StandardCharsets.UTF_8));
    }

    private static RawRecord rule(long offset, String key, String json) {
        return new RawRecord("earshot.rules", 0, offset, 1_767_225_600_000L, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static RawRecord raw(long offset, MentionBuilder m) {
        return new RawRecord("earshot.mentions", 0, offset, 1_767_225_600_000L + offset, m.json());
    }

    private static MentionBuilder mention(String id, String url, String text) {
        return MentionBuilder.post(id).network("mastodon").url(url).text(text);
    }

    @Test
    void syndicatedCopiesAreDroppedAndCountedAndDeletionsAreNotDeadLetters() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        String article = "Acme announced today that its new battery lasts twice as long as last year's model, "
                + "and early reviewers say the claim holds up in daily use across phones and laptops";
        List<RawRecord> input = List.of(
                raw(0, MentionBuilder.post("rss:a").url("https://blog.example/post").text(article)),
                raw(1, MentionBuilder.post("rss:b").url("https://mirror.example/copy")
                        .text(article.toUpperCase() + "  https://mirror.example/copy via @mirror")),
                raw(2, MentionBuilder.post("reddit:t3_x").url("https://blog.example/post?utm_medium=social").text("discussion")),
                new RawRecord("earshot.mentions", 0, 3, 1_767_225_600_003L, "bluesky:at://did:plc:x/app.bsky.feed.post/1".getBytes(StandardCharsets.UTF_8), null),
                raw(4, mention("m:short", "https://m.example/1", "the app is down again")),
                raw(5, mention("m:short2", "https://m.example/2", "the app is down again")));
        ListenJob.Streams streams = ListenJob.build(env.fromData(input),
                env.fromData(List.of(rule(0, "acme", "{\"id\":\"acme\",\"query\":\"acme\"}"))), RulesAtStart.records(1), OPTIONS);
        CloseableIterator<Mention> enriched = streams.enriched().collectAsync();
        CloseableIterator<DeadLetter> dead = streams.deadLetters().collectAsync();
        CloseableIterator<org.earshot.pipeline.dedup.MentionCopy> copies = streams.copies().collectAsync();
        env.execute("listen-copies-test");
        List<String> ids = new ArrayList<>();
        enriched.forEachRemaining(m -> ids.add(m.id));
        List<DeadLetter> letters = new ArrayList<>();
        dead.forEachRemaining(letters::add);
        List<String> copied = new ArrayList<>();
        copies.forEachRemaining(c -> copied.add(c.originalId + " <- " + c.copyId + " by " + c.matchedBy + " on " + c.copyNetwork));

        // Short identical posts are two people saying the same thing: both count.
        assertThat(ids).containsExactlyInAnyOrder("rss:a", "m:short", "m:short2");
        assertThat(copied).containsExactlyInAnyOrder("rss:a <- rss:b by text on rss", "rss:a <- reddit:t3_x by url on reddit");
        assertThat(letters).as("a tombstone is a deletion, not a dead letter").isEmpty();
    }

    private static MentionBuilder status(String id, String text, String editedAt, boolean claimsEdit) {
        MentionBuilder m = mention(id, "https://m.example/@a/" + id, text);
        if (editedAt != null) m.editedAt(editedAt);
        return claimsEdit ? m.claimingEdit() : m;
    }

    @Test
    void anEditRevisesItsMentionOnceAndIsNotCountedAgain() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        List<RawRecord> input = List.of(
                raw(0, status("m:9", "acme launch went fine", null, false)),
                raw(1, status("m:9", "acme launch went fine", null, false)),                                     // redelivered
                raw(2, status("m:9", "acme launch was a disaster, I want a refund", "2026-01-01T00:05:00Z", false)), // edited
                raw(3, status("m:9", "acme launch was a disaster, I want a refund", "2026-01-01T00:05:00Z", false)), // the edit again
                raw(4, status("m:9", "acme launch, older edit", "2026-01-01T00:04:00Z", false)),                    // out of date
                raw(5, status("m:10", "acme claims to be an edit", null, true)));                                  // input cannot claim it
        ListenJob.Streams streams = ListenJob.build(env.fromData(input),
                env.fromData(List.of(rule(0, "acme", "{\"id\":\"acme\",\"query\":\"acme\"}"))), RulesAtStart.records(1), OPTIONS);
        CloseableIterator<Mention> enriched = streams.enriched().collectAsync();
        CloseableIterator<org.earshot.pipeline.aggregate.RuleMatch> matches = streams.matches().collectAsync();
        env.execute("listen-edits-test");
        List<Mention> out = new ArrayList<>();
        enriched.forEachRemaining(out::add);
        List<String> matched = new ArrayList<>();
        matches.forEachRemaining(m -> matched.add(m.ruleId + " " + m.mentionId));

        assertThat(out).extracting(m -> m.id + " " + m.edit + " " + m.text).containsExactlyInAnyOrder(
                "m:9 null acme launch went fine",
                "m:9 true acme launch was a disaster, I want a refund",
                "m:10 null acme claims to be an edit");
        Mention edit = out.stream().filter(m -> Boolean.TRUE.equals(m.edit)).findFirst().orElseThrow();
        assertThat(edit.sentiment.label).as("the edit is scored anew").isEqualTo("negative");
        assertThat(out).allSatisfy(m -> assertThat(m.ruleIds).as(m.id).containsExactly("acme"));
        assertThat(matched).as("the counts keep what was first said, not the edit").containsExactlyInAnyOrder("acme m:9", "acme m:10");
        List<org.earshot.pipeline.aggregate.RuleMatch> fromEdit = new ArrayList<>();
        edit.ruleIds = List.of("acme");
        new org.earshot.pipeline.aggregate.MatchesByRule().processElement(edit, null, new org.apache.flink.api.common.functions.util.ListCollector<>(fromEdit));
        assertThat(fromEdit).as("an edit that matches is still not counted").isEmpty();
    }

    @Test
    void parsesNormalizesDeduplicatesAndDeadLettersWithoutKryo() throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1); // one path, so "first" is well defined for the same-page pair

        List<RawRecord> input = List.of(
                raw(0, mention("m:1", "https://m.example/@a/1", "<p>Love the #AuroraX5 😍</p>")),
                raw(1, mention("m:2", "https://m.example/@b/2", "@AuroraMobile mi batería murió")),
                raw(2, mention("m:1", "https://m.example/@a/1", "<p>Love the #AuroraX5 😍</p>")),            // same id again
                raw(3, mention("m:3", "https://www.m.example/@a/1?utm_source=x#top", "reposted")),       // same page
                raw(4, "{\"id\":\"m:4\",\"network\":\"mastodon\""),                                      // truncated
                raw(5, "{\"network\":\"mastodon\",\"text\":\"no id\"}"),
                raw(6, mention("m:5", "https://m.example/@c/5", "fine\u202E\u0000 text")),
                raw(7, mention("m:6", "https://m.example/@d/6", "Worst customer service ever, still waiting on a refund. So angry!")));

        // Rules that never reach the matcher: their dead letters go out beside the mentions'.
        List<RawRecord> rules = List.of(
                rule(0, "broken", "{\"id\":\"broken\",\"query\":\"acme AND\"}"),
                rule(1, null, "{\"query\":\"acme\"}"),
                rule(2, "other", "{\"id\":\"not-other\",\"query\":\"acme\"}"),
                rule(3, "junk", "{\"id\":"));
        ListenJob.Streams streams = ListenJob.build(env.fromData(input), env.fromData(rules), RulesAtStart.records(rules.size()), OPTIONS);
        CloseableIterator<Mention> enriched = streams.enriched().collectAsync();
        CloseableIterator<DeadLetter> dead = streams.deadLetters().collectAsync();
        env.execute("listen-test");

        List<Mention> out = new ArrayList<>();
        enriched.forEachRemaining(out::add);
        List<DeadLetter> letters = new ArrayList<>();
        dead.forEachRemaining(letters::add);

        assertThat(out).extracting(m -> m.id).containsExactlyInAnyOrder("m:1", "m:2", "m:5", "m:6");
        Mention first = out.stream().filter(m -> m.id.equals("m:1")).findFirst().orElseThrow();
        assertThat(first.text).isEqualTo("Love the #AuroraX5 😍");
        assertThat(first.hashtags).containsExactly("aurorax5");
        // Language, sentiment and emotion on every mention; Spanish has a sentiment model, no emotion one.
        assertThat(out).allSatisfy(m -> {
            assertThat(m.lang).isNotNull();
            assertThat(m.sentiment).isNotNull();
            assertThat(m.emotion).isNotNull();
        });
        Mention spanish = out.stream().filter(m -> m.id.equals("m:2")).findFirst().orElseThrow();
        assertThat(spanish.lang).isEqualTo("es");
        assertThat(spanish.sentiment.label).isIn("negative", "neutral", "positive");
        assertThat(spanish.sentiment.score).isPositive();
        assertThat(spanish.emotion).isEqualTo("none");
        Mention angry = out.stream().filter(m -> m.id.equals("m:6")).findFirst().orElseThrow();
        assertThat(angry.lang).isEqualTo("en");
        assertThat(angry.sentiment.label).isEqualTo("negative");
        assertThat(angry.sentiment.score).isGreaterThan(0.5);
        assertThat(angry.emotion).isEqualTo("anger");
        assertThat(first.canonicalUrl).isEqualTo("https://m.example/@a/1");
        assertThat(out.stream().filter(m -> m.id.equals("m:5")).findFirst().orElseThrow().text).isEqualTo("fine text");
        assertThat(out.stream().filter(m -> m.id.equals("m:2")).findFirst().orElseThrow().mentions).containsExactly("auroramobile");

        List<DeadLetter> ruleLetters = letters.stream().filter(d -> d.sourceTopic.equals("earshot.rules")).toList();
        assertThat(ruleLetters).extracting(d -> d.reason).containsExactlyInAnyOrder(
                "rule broken has an invalid query: position 6: AND needs a word or group on its right",
                "a rule record needs the rule id as its Kafka key",
                "rule id 'not-other' differs from its Kafka key 'other'",
                ruleLetters.stream().filter(d -> d.sourceOffset == 3).findFirst().orElseThrow().reason);
        assertThat(ruleLetters.stream().filter(d -> d.sourceOffset == 3).findFirst().orElseThrow().reason)
                .startsWith("rule junk is not a valid rule JSON");
        letters = letters.stream().filter(d -> d.sourceTopic.equals("earshot.mentions")).toList();
        assertThat(letters).extracting(d -> d.sourceOffset).containsExactlyInAnyOrder(4L, 5L);
        assertThat(letters).allSatisfy(d -> {
            assertThat(d.sourceTopic).isEqualTo("earshot.mentions");
            assertThat(d.payload).isEqualTo(input.get((int) d.sourceOffset).value);
        });
        assertThat(letters.stream().filter(d -> d.sourceOffset == 4).findFirst().orElseThrow().reason).contains("invalid JSON");
        assertThat(letters.stream().filter(d -> d.sourceOffset == 5).findFirst().orElseThrow().reason).isEqualTo("missing required field 'id'");
    }
}
