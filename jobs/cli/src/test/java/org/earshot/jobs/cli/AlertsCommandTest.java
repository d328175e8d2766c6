package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.earshot.jobs.KafkaArgs;
import org.earshot.jobs.KafkaTestClient;
import org.earshot.jobs.settings.ClickHouseKeys;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.local.testing.TestClickHouse;
import org.earshot.pipeline.testing.TestKafka;
import org.earshot.pipeline.kafka.CompactedTopic;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.Alert;
import org.earshot.schemas.Rule;
import org.earshot.schemas.Subscription;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot alerts}: subscribe (and refusals that name the field), list, show, rm, history and ack, against a real broker and ClickHouse. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AlertsCommandTest {
    @TempDir
    Path dir;

    @Test
    void subscribeListShowRemoveAndAcknowledge() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka")); TestClickHouse clickhouse = TestClickHouse.start(dir.resolve("ch"))) {
            TopicAdmin.ensureTopics(TestKafka.settings(kafka), 1, Topics.all());
            new RulesTopic(TestKafka.settings(kafka)).put(new Rule("aurora", "aurora", "Aurora", java.time.Instant.now()));
            List<String> args = new ArrayList<>(KafkaArgs.set(kafka));
            args.addAll(List.of("--set", ClickHouseKeys.URL.key() + "=" + clickhouse.jdbcUrl(), "--set", ClickHouseKeys.PASSWORD.key() + "=" + clickhouse.password(),
                    "--data", dir.resolve("data").toString()));
            String[] at = args.toArray(String[]::new);

            CapturedRun made = run(at, "alerts", "subscribe", "--rule", "aurora", "--condition", "every-match", "--webhook", "http://127.0.0.1:9/hook",
                    "--allow-private", "--quiet-hours", "22:00-07:00", "--zone", "Europe/Paris", "--throttle", "10m");
            assertThat(made.exit()).as(made.err()).isZero();
            assertThat(made.out()).contains("Subscribed aurora-every-match: every-match on aurora, to webhook http://127.0.0.1:9/hook.")
                    .contains("Webhook signing secret (shown once");
            Subscription stored = new CompactedTopic<>(TestKafka.settings(kafka), Topics.SUBSCRIPTIONS).readAll().get("aurora-every-match");
            assertThat(stored.channels.get(0).secret).startsWith("whsec_");
            assertThat(made.out()).contains(stored.channels.get(0).secret);
            assertThat(stored.throttle).isEqualTo(Duration.ofMinutes(10));
            assertThat(stored.owner).isNotBlank();

            CapturedRun unknownRule = run(at, "alerts", "subscribe", "--rule", "comet", "--condition", "threshold", "--slack", "https://hooks.slack.com/x");
            assertThat(unknownRule.exit()).isEqualTo(2);
            assertThat(unknownRule.err()).contains("rules: there is no rule 'comet'");
            CapturedRun badK = run(at, "alerts", "subscribe", "--rule", "aurora", "--condition", "volume-spike", "--k", "0", "--slack", "https://hooks.slack.com/x");
            assertThat(badK.err()).contains("condition.k must be greater than 0");
            CapturedRun badZone = run(at, "alerts", "subscribe", "--rule", "aurora", "--condition", "digest", "--zone", "Mars/Olympus", "--email", "a@example.org");
            assertThat(badZone.err()).contains("zone 'Mars/Olympus' is not a time zone");
            CapturedRun negative = run(at, "alerts", "subscribe", "--rule", "aurora", "--condition", "threshold", "--window", "-5m", "--email", "a@example.org");
            assertThat(negative.exit()).isNotZero();
            assertThat(negative.err()).contains("--window");
            CapturedRun local = run(at, "alerts", "subscribe", "--rule", "aurora", "--condition", "every-match", "--webhook", "http://127.0.0.1:9/hook");
            assertThat(local.exit()).isEqualTo(2);
            assertThat(local.err()).contains("channels[0].url").contains("loopback").contains("--allow-private");

            CapturedRun list = run(at, "alerts", "list");
            assertThat(list.out().lines().toList()).hasSize(2).last().asString().startsWith("aurora-every-match").contains("every-match", "webhook");
            CapturedRun show = run(at, "alerts", "show", "aurora-every-match");
            assertThat(show.out()).contains("\"whsec_…\"").doesNotContain(stored.channels.get(0).secret);

            assertThat(run(at, "alerts", "history").err()).contains("0 alerts"); // and the schema is migrated
            // An alert as the job records it, then acknowledged.
            try (Connection c = clickhouse.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO alerts VALUES ('aurora-every-match:volume:1', 'aurora-every-match', ['aurora'], 'every-match', 'ACTIVE', "
                        + "now64(3), now64(3), now64(3), now64(3), 'Aurora: 3 new mentions', '{}')");
            }
            CapturedRun history = run(at, "alerts", "history", "--state", "active");
            assertThat(history.out()).contains("ACTIVE", "aurora-every-match:volume:1", "Aurora: 3 new mentions");
            CapturedRun ack = run(at, "alerts", "ack", "aurora-every-match:volume:1", "--by", "ana");
            assertThat(ack.exit()).as(ack.err()).isZero();
            assertThat(run(at, "alerts", "ack", "aurora-every-match:volume:1").err()).contains("is ACKNOWLEDGED already");
            assertThat(run(at, "alerts", "ack", "nothing-like-it").err()).contains("no alert 'nothing-like-it'");
            CapturedRun one = run(at, "alerts", "history", "aurora-every-match:volume:1");
            assertThat(one.out().lines().toList()).hasSize(2).satisfies(l -> {
                assertThat(l.get(0)).contains("ACTIVE");
                assertThat(l.get(1)).contains("ACKNOWLEDGED", "acknowledged by ana");
            });
            List<Alert> told = new KafkaTestClient(TestKafka.settings(kafka)).readAll(Topics.ALERTS, x -> !x.isEmpty(), Duration.ofSeconds(30), Duration.ZERO);
            assertThat(told).singleElement().satisfies(a -> assertThat(a.state).isEqualTo(Alert.ACKNOWLEDGED));

            assertThat(run(at, "alerts", "rm", "aurora-every-match").out()).contains("Unsubscribed aurora-every-match.");
            assertThat(run(at, "alerts", "list", "--json").out()).isEmpty();
            assertThat(run(at, "alerts", "rm", "aurora-every-match").err()).contains("no subscription 'aurora-every-match'");
        }
    }

    private static CapturedRun run(String[] settings, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(settings));
        return CapturedRun.of(all.toArray(String[]::new));
    }
}
