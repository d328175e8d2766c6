package org.earshot.pipeline.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.search.Query;
import org.earshot.local.demo.DemoMentions;
import org.earshot.pipeline.query.MentionFields;
import org.earshot.pipeline.query.QueryCompiler;
import org.earshot.pipeline.query.QueryException;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.schemas.Mention;
import org.junit.jupiter.api.Test;

class RuleMatcherTest {
    private static final DemoMentions DEMO = new DemoMentions(3L, 0, 0, 1_767_225_600_000L);
    private static final String[] WORDS = {"aurora", "nimbus", "brewhaus", "phone", "outage", "love", "broken", "app", "coffee",
        "great", "crash", "battery", "service", "support", "#aurorafail", "@nimbus", "new", "update", "slow", "refund"};

    /** Random rules in every form the matcher must handle, including ones with no required terms. */
    private static List<String> randomRules(int count, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String a = WORDS[r.nextInt(WORDS.length)];
            String b = WORDS[r.nextInt(WORDS.length)];
            String c = WORDS[r.nextInt(WORDS.length)];
            out.add(switch (i % 10) {
                case 0 -> a;
                case 1 -> a + " AND " + b;
                case 2 -> "(" + a + " OR " + b + ") NOT " + c;
                case 3 -> "\"" + a + " " + b + "\"~3";
                case 4 -> a + " NEAR/4 (" + b + " OR " + c + ")";
                case 5 -> a.replace("#", "").replace("@", "").substring(0, 3) + "*";
                case 6 -> "network:mastodon AND " + a;
                case 7 -> a.replace("#", "").replace("@", "") + "~1";
                case 8 -> "(" + a + " OR " + b.replace("#", "").replace("@", "").substring(0, 3) + "*) " + c;
                default -> "lang:en " + a + " -" + b;
            });
        }
        return out;
    }

    @Test
    void thePresearcherNeverChangesTheAnswer() {
        List<String> rules = randomRules(600, 7L);
        RuleMatcher matcher = new RuleMatcher();
        for (int i = 0; i < rules.size(); i++) matcher.register("r" + i, rules.get(i));
        QueryCompiler compiler = new QueryCompiler(MentionFields.queryAnalyzer());
        List<Query> queries = rules.stream().map(compiler::compile).toList();
        MentionNormalizer normalizer = new MentionNormalizer(100_000);

        int matches = 0;
        long candidates = 0;
        for (int m = 0; m < 300; m++) {
            Mention mention = normalizer.normalize(DEMO.mention(m));
            var index = MentionFields.memoryIndex(mention, MentionFields.indexAnalyzer());
            List<String> bruteForce = new ArrayList<>();
            var searcher = index.createSearcher(); // count, not score: a fuzzy match may score 0
            for (int i = 0; i < queries.size(); i++) if (count(searcher, queries.get(i)) > 0) bruteForce.add("r" + i);
            RuleMatcher.Result result = matcher.match(mention);
            assertThat(result.ruleIds()).as("mention %d: %s", m, mention.text).containsExactlyInAnyOrderElementsOf(bruteForce);
            assertThat(result.failures()).isEmpty();
            matches += bruteForce.size();
            candidates += result.candidates();
        }
        assertThat(matches).as("the rules match something").isGreaterThan(300);
        assertThat(candidates / 300).as("the presearcher skips most rules").isLessThan(rules.size() / 2);
    }

    @Test
    void anyPresearcherGivesTheSameAnswersAndClosingLetsGoOfTheRules() {
        List<String> rules = randomRules(200, 11L);
        try (RuleMatcher filed = new RuleMatcher(); RuleMatcher everyRule = new RuleMatcher(Presearcher.everyRule())) {
            for (int i = 0; i < rules.size(); i++) {
                filed.register("r" + i, rules.get(i));
                everyRule.register("r" + i, rules.get(i));
            }
            for (int i = 0; i < rules.size(); i += 7) {
                filed.delete("r" + i);
                everyRule.delete("r" + i);
            }
            MentionNormalizer normalizer = new MentionNormalizer(100_000);
            for (int m = 0; m < 100; m++) {
                Mention mention = normalizer.normalize(DEMO.mention(m));
                RuleMatcher.Result brute = everyRule.match(mention);
                assertThat(brute.candidates()).isEqualTo(everyRule.size());
                assertThat(filed.match(mention).ruleIds()).as("mention %d", m).isEqualTo(brute.ruleIds());
            }
            filed.close();
            assertThat(filed.size()).isZero();
            assertThat(filed.match(normalizer.normalize(DEMO.mention(0))).ruleIds()).isEmpty();
        }
    }

    private static int count(org.apache.lucene.search.IndexSearcher searcher, Query query) {
        try {
            return searcher.count(query);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void rulesAreAddedChangedAndRemovedWhileMatching() {
        RuleMatcher matcher = new RuleMatcher();
        Mention m = new Mention();
        m.id = "1";
        m.network = "mastodon";
        m.text = "The Aurora phone battery is great";
        matcher.register("a", "aurora AND battery");
        matcher.register("b", "nimbus");
        matcher.register("c", "batt*");
        assertThat(matcher.match(m).ruleIds()).containsExactly("a", "c");
        matcher.register("b", "phone NEAR/2 aurora");
        matcher.delete("a");
        assertThat(matcher.match(m).ruleIds()).containsExactly("b", "c");
        assertThatThrownBy(() -> matcher.register("b", "aurora AND")).isInstanceOf(QueryException.class);
        assertThat(matcher.match(m).ruleIds()).as("a refused edit leaves the rule as it was").containsExactly("b", "c");
        assertThat(matcher.size()).isEqualTo(2);
    }

    /** One index is emptied and refilled for each mention: nothing of a long mention is left for the next. */
    @Test
    void aMentionMatchesItsOwnWordsNotThoseOfTheMentionBefore() {
        RuleMatcher matcher = new RuleMatcher();
        matcher.register("aurora", "aurora");
        matcher.register("phrase", "\"nimbus cloud\"");
        matcher.register("fuzzy", "batery~1");
        matcher.register("wild", "zephyr*");
        Mention big = new Mention(); // many blocks of the index's memory
        big.id = "1";
        big.network = "mastodon";
        big.text = "Aurora and the nimbus cloud, a battery, zephyrs. "
                + java.util.stream.IntStream.range(0, 20_000).mapToObj(i -> "word" + i).collect(java.util.stream.Collectors.joining(" "));
        Mention small = new Mention();
        small.id = "2";
        small.network = "mastodon";
        small.text = "nothing here but cloud nimbus";

        assertThat(matcher.match(big).ruleIds()).containsExactly("aurora", "fuzzy", "phrase", "wild");
        assertThat(matcher.match(small).ruleIds()).isEmpty();
        assertThat(matcher.match(big).ruleIds()).containsExactly("aurora", "fuzzy", "phrase", "wild");
    }
}
