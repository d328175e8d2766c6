package org.earshot.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.earshot.local.demo.DemoMentions;
import org.earshot.schemas.FeedRecord;
import org.earshot.pipeline.validate.MentionParser;
import org.earshot.pipeline.validate.ParseResult;
import org.earshot.pipeline.matching.RuleMatcher;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Rule;
import org.junit.jupiter.api.Test;

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
}
