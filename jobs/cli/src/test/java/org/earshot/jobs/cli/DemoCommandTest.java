package org.earshot.jobs.cli;

import org.earshot.pipeline.testing.TestKafka;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot demo}, run twice on one data directory: each stops with everything stored, the second resumes, nothing repeats. */
class DemoCommandTest {
    @TempDir
    Path dir;

    private CapturedRun demo() {
        return CapturedRun.of("demo", "--for", "12s", "--rate", "400", "--data", dir.toString(), "--set", "kafka.embedded.port=0", "--set", "dashboards.port=0");
    }

    @Test
    void runsAndResumesFromItsCheckpointWithoutRepeatingMentions() throws Exception {
        CapturedRun run = demo();
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("ClickHouse rows", "Added 6 demo rules", "matched ");
        // Stopped with a savepoint: every mention it enriched is in ClickHouse, none left for the next run.
        Matcher stopped = Pattern.compile("stopped: [\\d,]+ mentions in, ([\\d,]+) enriched, .* ([\\d,]+) rows in ClickHouse; the next run resumes from here")
                .matcher(run.out());
        assertThat(stopped.find()).as(run.out()).isTrue();
        assertThat(stopped.group(2)).isEqualTo(stopped.group(1));
        assertThat(LocalFlink.latestCheckpoint(dir.resolve("checkpoints").resolve("demo"))).isPresent();
        int first = enriched().size();
        assertThat(first).isGreaterThan(500);

        // From here no merge folds a row away, so a mention stored again by the resumed run stays a second row.
        for (String table : List.of("mentions", "mention_rules")) {
            CapturedRun keep = CapturedRun.of("sql", "--data", dir.toString(), "ALTER TABLE " + table
                    + " MODIFY SETTING max_bytes_to_merge_at_max_space_in_pool = 1, max_bytes_to_merge_at_min_space_in_pool = 1");
            assertThat(keep.exit()).as(keep.err()).isZero();
        }
        CapturedRun again = demo();
        assertThat(again.exit()).isZero();
        assertThat(again.out()).doesNotContain("demo rules"); // seeded once; an analyst's edits stay
        List<Mention> all = enriched();
        assertThat(all.size()).isGreaterThan(first + 500);
        Map<String, Long> copies = all.stream().collect(Collectors.groupingBy(m -> m.id, Collectors.counting()));
        assertThat(copies.values()).allMatch(n -> n == 1);
        assertThat(all).allSatisfy(m -> assertThat(m.canonicalUrl).isNotNull());

        // ClickHouse holds exactly what the enriched topic holds: both commit on the same checkpoints.
        CapturedRun stored = CapturedRun.of("sql", "--data", dir.toString(), "SELECT count() AS n, uniqExact(id) AS ids FROM mentions");
        assertThat(stored.exit()).as(stored.err()).isZero();
        assertThat(stored.out().lines().toList().get(2).split("\\s+")).containsExactly(String.valueOf(all.size()), String.valueOf(all.size()));
        // And one mention_rules row per rule a mention matched.
        long matches = all.stream().mapToLong(m -> m.ruleIds.size()).sum();
        assertThat(matches).isGreaterThan(all.size() / 2);
        CapturedRun matched = CapturedRun.of("sql", "--data", dir.toString(), "SELECT count() FROM mention_rules");
        assertThat(matched.out().lines().toList().get(2).strip()).isEqualTo(String.valueOf(matches));

        // The search index holds every enriched mention, searchable after the demo stopped.
        CapturedRun stats = CapturedRun.of("index", "stats", "--data", dir.toString());
        assertThat(stats.out()).as(stats.err()).contains(String.format("%,d mentions", all.size()));
        Mention sample = all.get(all.size() / 2);
        CapturedRun found = CapturedRun.of("search", "", "--rule", sample.ruleIds.isEmpty() ? "none-such" : sample.ruleIds.get(0),
                "--json", "--limit", "1", "--data", dir.toString());
        assertThat(found.exit()).as(found.err()).isZero();
        long withRule = sample.ruleIds.isEmpty() ? 0 : all.stream().filter(m -> m.ruleIds.contains(sample.ruleIds.get(0))).count();
        assertThat(found.out()).contains("\"total\":" + withRule + ",");

        // Facet counts equal ClickHouse's for the same mentions: by network, sentiment and emotion.
        CapturedRun everything = CapturedRun.of("search", "", "--json", "--limit", "1", "--data", dir.toString());
        com.fasterxml.jackson.databind.JsonNode facets = org.earshot.schemas.Json.mapper().readTree(everything.out()).get("facets");
        for (String column : List.of("network", "sentiment", "emotion")) {
            CapturedRun grouped = CapturedRun.of("sql", "--data", dir.toString(), "--format", "tsv",
                    "SELECT " + column + ", count() FROM mentions GROUP BY " + column); // a header line, then the rows
            assertThat(grouped.exit()).as(grouped.err()).isZero();
            Map<String, Long> clickhouse = new java.util.TreeMap<>();
            grouped.out().lines().skip(1).filter(l -> !l.isBlank()).forEach(l -> clickhouse.put(l.split("\t")[0], Long.parseLong(l.split("\t")[1])));
            Map<String, Long> counted = new java.util.TreeMap<>();
            facets.get(column).forEach(c -> counted.put(c.get("value").asText(), c.get("count").asLong()));
            // The top ten values, each counted as ClickHouse counts it; any left out counts no more than those shown.
            assertThat(counted).as(column).hasSize(Math.min(10, clickhouse.size()));
            counted.forEach((value, n) -> assertThat(clickhouse.get(value)).as("%s %s", column, value).isEqualTo(n));
            long least = counted.values().stream().mapToLong(Long::longValue).min().orElse(0);
            clickhouse.forEach((value, n) -> {
                if (!counted.containsKey(value)) assertThat(n).as("%s %s, left out", column, value).isLessThanOrEqualTo(least);
            });
        }
    }

    private List<Mention> enriched() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            return new org.earshot.jobs.KafkaTestClient(TestKafka.settings(kafka))
                    .readAll(Topics.MENTIONS_ENRICHED, l -> false, Duration.ofSeconds(6), Duration.ZERO);
        }
    }
}
