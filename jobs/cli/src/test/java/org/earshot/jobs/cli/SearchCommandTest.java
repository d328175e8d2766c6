package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.pipeline.search.MentionIndex;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.schemas.MentionBuilder;
import org.earshot.schemas.Sentiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot search} and {@code earshot index stats} over an index on disk, as a demo or a server leaves it. */
class SearchCommandTest {
    @TempDir
    Path dir;

    private void index() throws Exception {
        try (MentionIndex index = MentionIndex.open(new DataDirectory(dir).index())) {
            var angry = MentionBuilder.post("mastodon:1").text("My Aurora X5 battery died again, I want a refund").by("ana", 1_200)
                    .at("2026-12-01T10:00:00Z").lang("en").build();
            angry.sentiment = new Sentiment("negative", 0.93);
            angry.ruleIds = java.util.List.of("aurora");
            var happy = MentionBuilder.post("bluesky:2").text("The aurora last night was unreal").by("bo", 40)
                    .at("2026-12-01T11:00:00Z").lang("en").build();
            happy.sentiment = new Sentiment("positive", 0.88);
            // As the Listen job hands them on: normalized (reach from followers).
            MentionNormalizer normalizer = new MentionNormalizer(100_000);
            index.put(normalizer.normalize(angry));
            index.put(normalizer.normalize(happy));
            index.put(normalizer.normalize(MentionBuilder.post("reddit:3").text("nimbus phones are fine").at("2026-12-01T12:00:00Z").build()));
            index.commit(Map.of(0, 3L));
        }
    }

    @Test
    void findsWithTheRulesLanguageMarksTheWordsAndCounts() throws Exception {
        index();
        CapturedRun run = CapturedRun.of("search", "aurora NEAR/3 (battery OR crash*)", "--data", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("mastodon:1", "[Aurora] X5 [battery]", "1 mentions", "network: mastodon 1", "sentiment: negative 1")
                .doesNotContain("bluesky:2");

        CapturedRun filtered = CapturedRun.of("search", "aurora", "--sentiment", "positive", "--from", "2026-12-01T10:30:00Z", "--json",
                "--data", dir.toString());
        assertThat(filtered.exit()).as(filtered.err()).isZero();
        assertThat(filtered.out()).contains("\"total\":1", "bluesky:2", "<mark>aurora</mark>").doesNotContain("mastodon:1");

        CapturedRun paged = CapturedRun.of("search", "", "--sort", "reach", "--limit", "1", "--data", dir.toString());
        assertThat(paged.out()).contains("mastodon:1", "3 mentions; next page: --after ");

        CapturedRun stats = CapturedRun.of("index", "stats", "--data", dir.toString());
        assertThat(stats.exit()).isZero();
        assertThat(stats.out()).contains("3 mentions", "position {0=3}");
    }

    @Test
    void aBadQueryOrTimeExitsTwoAndAMissingIndexSaysWhatToDo() throws Exception {
        CapturedRun missing = CapturedRun.of("search", "aurora", "--data", dir.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no search index", "earshot index rebuild");
        index();
        CapturedRun bad = CapturedRun.of("search", "aurora AND", "--data", dir.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("position", "^");
        CapturedRun badTime = CapturedRun.of("search", "aurora", "--from", "yesterday", "--data", dir.toString());
        assertThat(badTime.exit()).isEqualTo(2);
        assertThat(badTime.err()).contains("--from takes an ISO-8601 time");
    }
}
