package org.earshot.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import org.earshot.local.demo.DemoMentions;
import org.earshot.schemas.FeedRecord;
import org.earshot.pipeline.validate.MentionParser;
import org.earshot.pipeline.validate.ParseResult;
import org.earshot.pipeline.matching.RuleMatcher;
import org.earshot.pipeline.search.MentionIndex;
import org.earshot.pipeline.search.MentionSearch;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's rules listen to the demo's market: each matches a share of the generated mentions, none matches all. */
class DemoRulesTest {
    @Test
    void everyDemoRuleMatchesSomeButNotAllGeneratedMentions() {
        RuleMatcher matcher = new RuleMatcher();
        for (Rule rule : DemoRules.RULES) matcher.register(rule.id, rule.query);
        DemoMentions generator = new DemoMentions(5L, 0, 0, 1_767_225_600_000L);
        MentionNormalizer normalizer = new MentionNormalizer(100_000);
        Map<String, Integer> matches = new HashMap<>();
        int count = 5_000;
        for (int i = 0; i < count; i++) {
            FeedRecord r = generator.generate(i);
            Mention m = normalizer.normalize(((ParseResult.Parsed) MentionParser.parse(r.value, 0L)).mention());
            matcher.match(m).ruleIds().forEach(id -> matches.merge(id, 1, Integer::sum));
        }
        System.out.println("demo rule matches in " + count + " generated mentions: " + matches);
        assertThat(matches).containsOnlyKeys(DemoRules.RULES.stream().map(r -> r.id).toArray(String[]::new));
        assertThat(matches.values()).allSatisfy(n -> assertThat(n).isBetween(count / 100, count * 2 / 3));
    }

    /** Rules and search agree: each demo rule's query, searched over the demo's mentions, finds exactly what the rule matched. */
    @Test
    void searchingARulesQueryFindsExactlyTheMentionsTheRuleMatched(@TempDir Path dir) throws Exception {
        DemoMentions generator = new DemoMentions(5L, 0, 0, 1_767_225_600_000L);
        MentionNormalizer normalizer = new MentionNormalizer(100_000);
        Map<String, Set<String>> matched = new HashMap<>();
        MentionSearch search = new MentionSearch();
        try (RuleMatcher matcher = new RuleMatcher(); MentionIndex index = MentionIndex.open(dir)) {
            for (Rule rule : DemoRules.RULES) matcher.register(rule.id, rule.query);
            for (int i = 0; i < 5_000; i++) {
                FeedRecord r = generator.generate(i);
                Mention m = normalizer.normalize(((ParseResult.Parsed) MentionParser.parse(r.value, 0L)).mention());
                m.ruleIds = matcher.match(m).ruleIds();
                m.ruleIds.forEach(id -> matched.computeIfAbsent(id, k -> new HashSet<>()).add(m.id));
                index.put(m);
            }
            index.refresh();
            for (Rule rule : DemoRules.RULES) {
                Set<String> found = new HashSet<>();
                String after = null;
                do {
                    MentionSearch.Request page = MentionSearch.Request.of(rule.query).page(1_000, after);
                    MentionSearch.Result result = index.search(s -> search.search(s, page));
                    result.hits().forEach(h -> found.add(h.mention().id));
                    after = result.next();
                } while (after != null);
                assertThat(matched.get(rule.id)).as("matched by " + rule.id).isNotEmpty();
                assertThat(found).as(rule.id + ": " + rule.query).isEqualTo(matched.get(rule.id));
            }
        }
    }
}
