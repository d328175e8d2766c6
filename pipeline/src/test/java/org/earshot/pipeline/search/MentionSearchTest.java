package org.earshot.pipeline.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.earshot.local.demo.DemoMentions;
import org.earshot.pipeline.matching.RuleMatcher;
import org.earshot.pipeline.query.QueryException;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.pipeline.validate.MentionParser;
import org.earshot.pipeline.validate.ParseResult;
import org.earshot.schemas.FeedRecord;
import org.earshot.schemas.Mention;
import org.earshot.schemas.MentionBuilder;
import org.earshot.schemas.Sentiment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search index on disk, searched as the dashboard and {@code earshot search} will. */
class MentionSearchTest {
    /** Rules of every kind the language has: words, phrases, NEAR, wildcards, fuzzy words, fields, NOT. */
    static final List<String> RULES = List.of(
            "aurora", "aurora AND battery", "\"battery life\"", "aurora NEAR/3 (crash* OR refund)", "nimb*", "coffe~1",
            "lang:es", "(aurora OR nimbus) -love", "#aurorax5", "@auroramobile", "title:review", "skylark AND lang:en",
            "outage OR down OR \"not working\"");

    @TempDir
    Path dir;
    MentionIndex index;
    final MentionSearch search = new MentionSearch();

    @BeforeEach
    void open() {
        index = MentionIndex.open(dir.resolve("index"));
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws Exception {
        index.close();
    }

    static List<Mention> demoMentions(int count) {
        DemoMentions generator = new DemoMentions(5L, 0.0, 0.0, Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        MentionNormalizer normalizer = new MentionNormalizer(100_000);
        Map<String, Mention> byId = new HashMap<>();
        for (int i = 0; i < count; i++) {
            FeedRecord r = generator.generate(i);
            if (r.kind != FeedRecord.Kind.VALID) continue;
            if (MentionParser.parse(r.value, 0L) instanceof ParseResult.Parsed p) byId.put(p.mention().id, normalizer.normalize(p.mention()));
        }
        return new ArrayList<>(byId.values());
    }

    private Set<String> ids(MentionSearch.Request request) throws Exception {
        Set<String> out = new HashSet<>();
        String after = null;
        do {
            MentionSearch.Request page = request.page(500, after);
            MentionSearch.Result result = index.search(s -> search.search(s, page));
            for (MentionSearch.Hit h : result.hits()) assertThat(out.add(h.mention().id)).as("%s once across pages", h.mention().id).isTrue();
            after = result.next();
        } while (after != null);
        return out;
    }

    @Test
    void aSearchFindsExactlyWhatTheSameQueryAsARuleMatches() throws Exception {
        List<Mention> mentions = demoMentions(3_000);
        for (Mention m : mentions) index.put(m);
        index.refresh();
        try (RuleMatcher matcher = new RuleMatcher()) {
            for (int i = 0; i < RULES.size(); i++) matcher.register("r" + i, RULES.get(i));
            Map<String, Set<String>> matched = new HashMap<>();
            for (Mention m : mentions) for (String rule : matcher.match(m).ruleIds()) matched.computeIfAbsent(rule, k -> new TreeSet<>()).add(m.id);
            int nonEmpty = 0;
            for (int i = 0; i < RULES.size(); i++) {
                Set<String> expected = matched.getOrDefault("r" + i, Set.of());
                if (!expected.isEmpty()) nonEmpty++;
                assertThat(ids(MentionSearch.Request.of(RULES.get(i)))).as(RULES.get(i)).containsExactlyInAnyOrderElementsOf(expected);
            }
            assertThat(nonEmpty).as("most rules match some of the demo's mentions").isGreaterThan(RULES.size() / 2);
        }
    }

    @Test
    void filtersSortsPagesHighlightsAndCounts() throws Exception {
        List<Mention> mentions = demoMentions(1_500);
        for (int i = 0; i < mentions.size(); i++) {
            Mention m = mentions.get(i);
            m.ruleIds = i % 3 == 0 ? List.of("aurora") : List.of();
            m.sentiment = new Sentiment(i % 2 == 0 ? "negative" : "positive", 0.9);
            m.emotion = i % 2 == 0 ? "anger" : "joy";
            index.put(m);
        }
        index.refresh();
        Instant first = mentions.stream().map(m -> m.publishedAt).min(Instant::compareTo).orElseThrow();
        Instant last = mentions.stream().map(m -> m.publishedAt).max(Instant::compareTo).orElseThrow();
        java.time.Duration span = java.time.Duration.between(first, last);
        Instant from = first.plus(span.dividedBy(5));
        Instant to = last.minus(span.dividedBy(5));
        MentionSearch.Request request = MentionSearch.Request.of("aurora").between(from, to)
                .filtered(List.of(), List.of(), List.of("negative"), List.of(), List.of("aurora"), 10);
        Set<String> expected = new HashSet<>();
        try (RuleMatcher matcher = new RuleMatcher()) {
            matcher.register("q", "aurora");
            for (Mention m : mentions) {
                boolean inRange = !m.publishedAt.isBefore(from) && m.publishedAt.isBefore(to);
                if (inRange && m.ruleIds.contains("aurora") && m.sentiment.label.equals("negative") && m.reach != null && m.reach >= 10
                        && !matcher.match(m).ruleIds().isEmpty()) expected.add(m.id);
            }
        }
        assertThat(expected).as("the filters leave something to find").isNotEmpty();
        assertThat(ids(request)).containsExactlyInAnyOrderElementsOf(expected);

        MentionSearch.Result byReach = index.search(s -> search.search(s, request.sorted(MentionSearch.Order.REACH).page(50, null)));
        assertThat(byReach.total()).isEqualTo(expected.size());
        List<Long> reach = byReach.hits().stream().map(h -> h.mention().reach).toList();
        assertThat(reach).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(byReach.hits()).allSatisfy(h -> assertThat(h.highlighted()).containsIgnoringCase("<mark>aurora</mark>"));
        // Facets count every hit, not just the page.
        Map<String, Long> networks = byReach.facets().get("network").stream()
                .collect(Collectors.toMap(MentionSearch.Count::value, MentionSearch.Count::count));
        Map<String, Long> counted = mentions.stream().filter(m -> expected.contains(m.id))
                .collect(Collectors.groupingBy(m -> m.network, Collectors.counting()));
        assertThat(networks).isEqualTo(counted);
        assertThat(byReach.facets().get("sentiment")).containsExactly(new MentionSearch.Count("negative", expected.size()));

        MentionSearch.Result byTime = index.search(s -> search.search(s, request.page(10, null)));
        List<Instant> times = byTime.hits().stream().map(h -> h.mention().publishedAt).toList();
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void anEditReplacesATombstoneDeletesAndRetentionRemoves() throws Exception {
        index.put(MentionBuilder.post("mastodon:1").text("acme launch went fine").at("2026-11-30T10:00:00Z").build());
        index.put(MentionBuilder.post("mastodon:2").text("acme support is slow").at("2026-11-30T10:01:00Z").build());
        index.put(MentionBuilder.post("mastodon:3").text("acme in 2024").at("2024-01-01T00:00:00Z").build());
        index.refresh();
        assertThat(ids(MentionSearch.Request.of("acme"))).containsExactlyInAnyOrder("mastodon:1", "mastodon:2", "mastodon:3");

        index.put(MentionBuilder.post("mastodon:1").text("acme launch was a disaster").at("2026-11-30T10:00:00Z").build());
        index.delete("mastodon:2");
        index.expire(Instant.parse("2025-01-01T00:00:00Z"));
        index.refresh();
        assertThat(ids(MentionSearch.Request.of("acme"))).containsExactly("mastodon:1");
        assertThat(ids(MentionSearch.Request.of("fine"))).isEmpty();
        assertThat(ids(MentionSearch.Request.of("disaster"))).containsExactly("mastodon:1");
        assertThat(index.stats().documents()).isEqualTo(1);
    }

    @Test
    void aCommitKeepsItsPositionAndAnUncommittedChangeIsGoneAfterACrash() throws Exception {
        index.put(MentionBuilder.post("mastodon:1").text("acme").at("2026-11-30T10:00:00Z").build());
        index.commit(Map.of(0, 1L, 1, 7L));
        index.put(MentionBuilder.post("mastodon:2").text("acme").at("2026-11-30T10:00:00Z").build()); // never committed
        index.close();
        MentionIndex.Stats stats = MentionIndex.committed(dir.resolve("index"));
        assertThat(stats.documents()).isEqualTo(1);
        assertThat(stats.positions()).isEqualTo(Map.of(0, 1L, 1, 7L));
        assertThat(stats.lastCommit()).isNotNull();
        index = MentionIndex.open(dir.resolve("index"));
        assertThat(index.positions()).isEqualTo(Map.of(0, 1L, 1, 7L));
        assertThat(ids(MentionSearch.Request.of("acme"))).containsExactly("mastodon:1");
    }

    @Test
    void aBadQueryNamesItsPositionAndABrokenIndexSaysHowToRebuild() throws Exception {
        assertThatThrownBy(() -> index.search(s -> search.search(s, MentionSearch.Request.of("acme AND"))))
                .isInstanceOf(QueryException.class).hasMessageContaining("position");
        index.put(MentionBuilder.post("mastodon:1").text("acme").at("2026-11-30T10:00:00Z").build());
        index.commit(Map.of(0, 1L));
        index.close();
        try (var files = Files.list(dir.resolve("index"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) Files.write(f, new byte[] {1, 2, 3});
        }
        assertThatThrownBy(() -> MentionIndex.committed(dir.resolve("index"))).hasMessageContaining("earshot index rebuild");
        assertThatThrownBy(() -> MentionIndex.open(dir.resolve("index"))).hasMessageContaining("earshot index rebuild");
        index = MentionIndex.open(dir.resolve("fresh"));
    }

    @Test
    void aWildcardStandingForTooManyWordsIsRefusedNamingTheLimit() throws Exception {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 300; i++) words.append(" acme").append(Integer.toString(i, 36)).append("x");
        index.put(MentionBuilder.post("mastodon:1").text(words.toString()).at("2026-11-30T10:00:00Z").build());
        index.refresh();
        assertThatThrownBy(() -> index.search(s -> search.search(s, MentionSearch.Request.of("acme*"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 256 different words");
        assertThat(ids(MentionSearch.Request.of("acme1*"))).containsExactly("mastodon:1");
        assertThat(ids(MentionSearch.Request.of("acmz~1"))).as("fuzzy words keep their closest").isEmpty();
    }

    @Test
    void anEmptyIndexAnswersEmpty() throws Exception {
        MentionSearch.Result r = index.search(s -> search.search(s, MentionSearch.Request.of("acme")));
        assertThat(r.total()).isZero();
        assertThat(r.next()).isNull();
    }
}
