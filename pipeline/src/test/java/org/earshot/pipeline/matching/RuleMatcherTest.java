package org.earshot.pipeline.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
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

    /** A mention's value in a field form, as a rule would name it; null when the mention has none. */
    private record FieldForm(String field, Function<Mention, String> value) {}

    private static final List<FieldForm> FIELD_FORMS = List.of(
            new FieldForm("author", m -> m.author == null ? null : m.author.handle),
            new FieldForm("title", m -> m.title == null ? null : m.title.split("[^\\p{L}]+")[0]),
            new FieldForm("site", m -> MentionFields.keywordValue(MentionFields.SITE, page(m))),
            new FieldForm("url", m -> MentionFields.keywordValue(MentionFields.URL, page(m))),
            new FieldForm("links", m -> m.links == null || m.links.isEmpty() ? null : MentionFields.keywordValue(MentionFields.SITE, m.links.get(0))),
            new FieldForm("raw", m -> Arrays.stream(m.text.split(" ")).filter(w -> w.matches("\\p{L}{4,}")).findFirst().orElse(null)),
            new FieldForm("country", m -> m.geo),
            new FieldForm("lang", m -> m.lang));

    private static String page(Mention m) {
        return m.canonicalUrl != null ? m.canonicalUrl : m.url;
    }

    /**
     * The matcher indexes a mention only in the fields its rules read. Each field form gets matchers of its own (so
     * every other field is left out): one with rules naming the field, one with rules excluding it ({@code network:n
     * -field:v}, built from the same mention, so the exclusion must bite). Both answer as every rule on the whole
     * index does.
     */
    @Test
    void aMentionIndexedInOnlyTheFieldsRulesReadGetsTheSameAnswers() throws Exception {
        MentionNormalizer normalizer = new MentionNormalizer(100_000);
        List<Mention> mentions = new ArrayList<>();
        for (int m = 0; m < 200; m++) mentions.add(normalizer.normalize(DEMO.mention(m)));
        QueryCompiler compiler = new QueryCompiler(MentionFields.queryAnalyzer());
        for (FieldForm form : FIELD_FORMS) {
            List<String> rules = new ArrayList<>();
            Map<Mention, Integer> source = new HashMap<>(); // mention → its pair of rules, r(2j) naming and r(2j+1) excluding
            for (Mention m : mentions.subList(0, 40)) {
                String value = form.value().apply(m);
                if (value == null) continue;
                source.put(m, rules.size());
                rules.add(form.field() + ":\"" + value + "\"");
                rules.add("network:\"" + m.network + "\" -" + form.field() + ":\"" + value + "\"");
            }
            assertThat(rules).as(form.field()).hasSizeGreaterThan(4);
            // naming and excluding rules apart: with both, the excluding ones would find the field indexed for the others
            RuleMatcher naming = new RuleMatcher();
            RuleMatcher excluding = new RuleMatcher();
            for (int i = 0; i < rules.size(); i++) (i % 2 == 0 ? naming : excluding).register("r" + i, rules.get(i));
            for (Mention mention : mentions) {
                var searcher = MentionFields.memoryIndex(mention, MentionFields.indexAnalyzer()).createSearcher();
                List<String> wholeIndex = new ArrayList<>();
                for (int i = 0; i < rules.size(); i++) if (count(searcher, compiler.compile(rules.get(i))) > 0) wholeIndex.add("r" + i);
                Integer pair = source.get(mention);
                if (pair != null) { // its own value: the rule naming it matches, the one excluding it must not
                    assertThat(wholeIndex).as(rules.get(pair)).contains("r" + pair).doesNotContain("r" + (pair + 1));
                }
                List<String> matched = new ArrayList<>(naming.match(mention).ruleIds());
                matched.addAll(excluding.match(mention).ruleIds());
                assertThat(matched).as("%s on mention %s", form.field(), mention.id).containsExactlyInAnyOrderElementsOf(wholeIndex);
            }
        }
    }

    @Test
    void aFieldStaysIndexedWhileAnyRuleReadsIt() {
        Mention m = new Mention();
        m.id = "1";
        m.network = "mastodon";
        m.text = "The Aurora phone is out";
        m.title = "Recall";
        m.author = new org.earshot.schemas.Author();
        m.author.handle = "@jdoe";
        RuleMatcher matcher = new RuleMatcher();
        matcher.register("a", "author:jdoe");
        matcher.register("b", "author:jdoe aurora");
        matcher.delete("a");
        assertThat(matcher.match(m).ruleIds()).containsExactly("b");
        matcher.register("b", "title:recall"); // replaced: nothing reads the author now
        assertThat(matcher.match(m).ruleIds()).containsExactly("b");
        matcher.register("c", "aurora -author:jdoe");
        assertThat(matcher.match(m).ruleIds()).as("the author is indexed again for c").containsExactly("b");
        matcher.register("d", "aurora -title:recall");
        matcher.delete("b");
        assertThat(matcher.match(m).ruleIds()).as("the title is still indexed for d").isEmpty();
    }

    @Test
    void eachRuleKnowsTheFieldsItReadsNotClausesIncluded() {
        CompiledRule.Compiler compiler = new CompiledRule.Compiler(MentionFields.queryAnalyzer());
        assertThat(compiler.compile("a", "aurora").fields()).containsExactlyInAnyOrder("text");
        assertThat(compiler.compile("b", "aurora -author:jdoe NOT title:recall").fields()).containsExactlyInAnyOrder("text", "author", "title");
        assertThat(compiler.compile("c", "\"aurora phone\"~2 OR auror* OR nimbus~1 OR site:\"a.com\"").fields())
                .containsExactlyInAnyOrder("text", "site");
        assertThat(compiler.compile("d", "aurora NEAR/3 (batt* OR phone~1 OR screen)").fields()).containsExactlyInAnyOrder("text");
        assertThat(compiler.compile("e", "raw:\"Acme+\" url:example.com/news links:acme.com").fields())
                .containsExactlyInAnyOrder("raw", "url", "links");
        assertThat(compiler.compile("f", "lang:en network:mastodon -country:gb").fields()).containsExactlyInAnyOrder("lang", "network", "country");
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
