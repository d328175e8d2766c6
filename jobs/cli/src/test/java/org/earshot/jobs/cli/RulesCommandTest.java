package org.earshot.jobs.cli;

import org.earshot.pipeline.testing.TestKafka;
import java.util.List;
import org.earshot.jobs.KafkaArgs;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.kafka.RulesTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot rules}: add, import, list, show and remove against a real broker; validate offline. */
class RulesCommandTest {
    @TempDir
    Path dir;

    @Test
    void addListShowAndRemoveAgainstKafka() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            List<String> kafkaAt = new java.util.ArrayList<>(KafkaArgs.set(kafka));
            kafkaAt.addAll(List.of("--data", dir.resolve("data").toString()));
            String[] at = kafkaAt.toArray(String[]::new);
            CapturedRun added = run(at, "rules", "add", "acme", "acme -job", "--name", "Acme brand");
            assertThat(added.exit()).as(added.err()).isZero();
            assertThat(added.out().strip()).isEqualTo("added rule acme: acme AND NOT job");
            assertThat(run(at, "rules", "add", "acme", "acme NOT (job OR hiring)").out().strip())
                    .isEqualTo("updated rule acme: acme AND NOT (job OR hiring)");

            Path file = dir.resolve("rules.tsv");
            Files.writeString(file, "# brands\nglobex\tglobex OR \"globex corp\"\ninitech\tiniteck~1\n", StandardCharsets.UTF_8);
            CapturedRun imported = run(at, "rules", "import", file.toString());
            assertThat(imported.exit()).as(imported.err()).isZero();
            assertThat(imported.out()).contains("imported 2 rules");

            CapturedRun list = run(at, "rules", "list");
            assertThat(list.out().lines().toList()).containsExactly(
                    "ID       NAME        QUERY",
                    "acme     Acme brand  acme NOT (job OR hiring)",
                    "globex   globex      globex OR \"globex corp\"",
                    "initech  initech     initeck~1");
            assertThat(run(at, "rules", "list", "--json").out().lines()).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("{\"id\":"));

            CapturedRun show = run(at, "rules", "show", "globex");
            assertThat(show.out()).contains("query:    globex OR \"globex corp\"", "reads as: globex OR \"globex corp\"");

            CapturedRun bad = run(at, "rules", "add", "broken", "acme NEAR/3");
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.err()).contains("position 6: NEAR needs a word or group on its right");

            assertThat(run(at, "rules", "rm", "globex").out().strip()).isEqualTo("removed rule globex");
            CapturedRun missing = run(at, "rules", "rm", "globex");
            assertThat(missing.exit()).isEqualTo(1);
            assertThat(missing.err()).contains("no rule globex");
            assertThat(new RulesTopic(TestKafka.settings(kafka)).readAll()).containsOnlyKeys("acme", "initech");
            assertThat(run(at, "rules", "show", "globex").exit()).isEqualTo(1);
        }
    }

    @Test
    void aBadRulesFileNamesTheLineAndWritesNothing() throws Exception {
        Path file = dir.resolve("rules.tsv");
        Files.writeString(file, "ok\tacme\nbad\t(acme\n", StandardCharsets.UTF_8);
        CapturedRun r = CapturedRun.of("rules", "import", file.toString(), "--set", "kafka.bootstrap-servers=127.0.0.1:1");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("line 2 (bad): position");
    }

    private static CapturedRun run(String[] settings, String... args) {
        String[] all = new String[args.length + settings.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(settings, 0, all, args.length, settings.length);
        return CapturedRun.of(all);
    }
    @Test
    void showsHowAValidQueryIsRead() {
        CapturedRun r = CapturedRun.of("rules", "validate", "(apple OR orange) NEAR/5 (smartphone OR phone) -site:\"mysite.com\" #acmefail");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip())
                .isEqualTo("ok: ((apple OR orange) NEAR/5 (smartphone OR phone)) AND NOT site:\"mysite.com\" AND #acmefail");
    }

    @Test
    void pointsAtTheProblem() {
        CapturedRun r = CapturedRun.of("rules", "validate", "acme NEAR/3");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(
                "earshot: position 6: NEAR needs a word or group on its right",
                "  acme NEAR/3",
                "       ^");
    }

    @Test
    void aValidQueryThatProbablyMeansSomethingElseIsAcceptedWithAWarning() {
        CapturedRun r = CapturedRun.of("rules", "validate", "aurora not job");
        assertThat(r.exit()).as("a warning, not a refusal").isZero();
        assertThat(r.out().strip()).isEqualTo("ok: aurora AND not AND job");
        assertThat(r.err().lines().toList()).containsExactly(
                "warning: position 8: 'not' is read as a word to look for; operators are written in capitals: NOT (or -word)",
                "  aurora not job",
                "         ^");
    }

    @Test
    void operatorLookalikesAndUnknownFieldsAreRefused() {
        CapturedRun typo = CapturedRun.of("rules", "validate", "aurora NAER/3 job");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).startsWith("earshot: position 8: 'NAER/3' looks like the operator NEAR/3");
        CapturedRun field = CapturedRun.of("rules", "validate", "auth:bob aurora");
        assertThat(field.exit()).isEqualTo(2);
        assertThat(field.err()).startsWith("earshot: position 1: unknown field 'auth:'; did you mean author:?");
    }
}
