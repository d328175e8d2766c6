package org.earshot.jobs;

import org.earshot.pipeline.testing.EarshotKafka;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Rule;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules reach a running Listen job through {@code earshot.rules}: added, edited and deleted
 * mid-stream they change what mentions match within seconds, on every parallel subtask, and a
 * restart restores them from the checkpoint.
 */
class RulesBroadcastTest {
    private static final Duration TAKES_EFFECT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    @RegisterExtension
    final EarshotKafka kafka = new EarshotKafka();
    private KafkaTestClient client;
    private RulesTopic rules;
    private final AtomicInteger ids = new AtomicInteger();

    @BeforeEach
    void start() {
        TopicAdmin.ensureTopics(kafka.settings(), 2, Topics.all());
        client = new KafkaTestClient(kafka.settings());
        rules = new RulesTopic(kafka.settings());
    }

    private JobClient startListen(boolean fresh) throws Exception {
        ListenOptions options = new ListenOptions(kafka.settings(), "broadcast", Duration.ofMillis(500), Duration.ofHours(1),
                100_000, Duration.ofSeconds(5));
        StreamExecutionEnvironment env = LocalFlink.environment(dir.resolve("checkpoints"), options.checkpointInterval(), 2, fresh);
        ListenJob.attach(env, options);
        return env.executeAsync(ListenJob.NAME);
    }

    @Test
    void addEditAndDeleteTakeEffectMidStreamAndSurviveARestart() throws Exception {
        rules.put(new Rule("acme", "acme", "Acme", Instant.now()));
        JobClient job = startListen(true);
        try {
            long tookMs = awaitMatching("acme launch", List.of("acme"));
            assertThat(matches("acme phone", "globex tv", "nothing here"))
                    .containsExactly(List.of("acme"), List.of(), List.of());

            // Edit one rule, add another, and send one that does not parse: it is dead-lettered
            // and changes nothing.
            rules.put(new Rule("acme", "acme NOT phone", null, Instant.now()));
            rules.put(new Rule("globex", "globex OR \"globex corp\"", null, Instant.now()));
            rules.put(new Rule("broken", "acme AND (", null, Instant.now()));
            tookMs = Math.max(tookMs, awaitMatching("globex acme phone", List.of("globex")));
            assertThat(matches("acme phone", "acme tv", "globex tv", "broken acme"))
                    .containsExactly(List.of(), List.of("acme"), List.of("globex"), List.of("acme"));
            List<DeadLetter> dead = client.readAll(Topics.DEAD_LETTERS, l -> !l.isEmpty(), Duration.ofSeconds(30), Duration.ZERO);
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.sourceTopic).isEqualTo(Topics.RULES.name());
                assertThat(d.reason).startsWith("rule broken has an invalid query: position ");
            });

            rules.delete("acme");
            tookMs = Math.max(tookMs, awaitMatching("acme globex", List.of("globex")));
            assertThat(matches("acme tv", "globex")).containsExactly(List.of(), List.of("globex"));
            System.out.printf("rule changes took effect within %d ms%n", tookMs);
            Checkpoints.awaitMore(dir.resolve("checkpoints"), 2, Duration.ofMinutes(1)); // the delete is in a checkpoint
        } finally {
            LocalFlink.cancel(job, Duration.ofMinutes(1));
        }
        assertThat(rules.readAll()).containsOnlyKeys("globex", "broken");

        // Restored from the checkpoint: the rules source resumes after the delete, so only the
        // broadcast state can know that globex is live and acme is gone.
        JobClient restarted = startListen(false);
        try {
            assertThat(matches("acme tv", "globex corp news")).containsExactly(List.of(), List.of("globex"));
        } finally {
            LocalFlink.cancel(restarted, Duration.ofMinutes(1));
        }
    }

    /** Sends probes until one matches exactly {@code expected}; how long that took. */
    private long awaitMatching(String text, List<String> expected) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TAKES_EFFECT.toNanos();
        while (System.nanoTime() < deadline) {
            if (matches(text).get(0).equals(expected)) return (System.nanoTime() - start) / 1_000_000;
        }
        throw new AssertionError("'" + text + "' did not match " + expected + " within " + TAKES_EFFECT);
    }

    /** Sends one mention per text, waits for each to come out enriched, and returns their rule ids in order. */
    private List<List<String>> matches(String... texts) throws Exception {
        List<Mention> sent = new java.util.ArrayList<>();
        for (String text : texts) {
            Mention m = new Mention();
            m.id = "test:" + ids.incrementAndGet();
            m.network = "mastodon";
            m.url = "https://social.example/@a/" + m.id.substring(5);
            m.text = text;
            m.publishedAt = Instant.parse("2026-01-01T10:00:00Z").plusSeconds(ids.get());
            sent.add(m);
        }
        client.produceRecords(Topics.MENTIONS, sent);
        List<String> wanted = sent.stream().map(m -> m.id).toList();
        Map<String, Mention> out = client.readAll(Topics.MENTIONS_ENRICHED,
                        l -> l.stream().map(m -> m.id).collect(Collectors.toSet()).containsAll(wanted), Duration.ofSeconds(60), Duration.ZERO)
                .stream().filter(m -> wanted.contains(m.id)).collect(Collectors.toMap(m -> m.id, m -> m, (a, b) -> a));
        assertThat(out).as("enriched mentions").containsOnlyKeys(wanted);
        return wanted.stream().map(id -> out.get(id).ruleIds).toList();
    }
}
