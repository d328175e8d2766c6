package org.earshot.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.earshot.pipeline.matching.RuleMatcher;
import org.earshot.pipeline.query.MentionFields;
import org.earshot.pipeline.query.QueryCompiler;
import org.earshot.schemas.Mention;
import org.junit.jupiter.api.Test;

/**
 * The presearcher never changes the answer: thousands of rules generated from the real corpus's
 * vocabulary (plus rules with no required term at all) on real tweets give exactly what running
 * every rule on every tweet's one-document index gives.
 */
class MatchEquivalenceTest {
    /** Mentions after which the matcher re-files rules by observed key frequencies (KeyStats.WARM). */
    private static final int KEY_STATS_WARM = 2_000;

    /** The shared corpus, from the repository root (where the README runs commands) or from this module. */
    private static final Path CORPUS = List.of(Path.of("../shared/data/corpus/tweeteval-emoji/tweets.txt"),
                    Path.of("../../../shared/data/corpus/tweeteval-emoji/tweets.txt"))
            .stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new IllegalStateException(
                    "the tweet corpus ../shared/data/corpus/tweeteval-emoji/tweets.txt is missing"));

    @Test
    void presearcherAgreesWithBruteForceOnRealTweets() throws Exception {
        List<Mention> all = MatchBenchmark.posts(CORPUS);
        List<String> corpusVocabulary = MatchBenchmark.vocabulary(all.subList(0, 20_000));
        int generated = 1_700;
        List<String> rules = new ArrayList<>(new MatchBenchmark.RuleGenerator(corpusVocabulary, 7L).rules(generated));
        List<String> vocabulary = corpusVocabulary.stream().filter(w -> w.matches("[a-z][a-z0-9]{2,}")).toList();
        rules.addAll(withoutRequiredTerms(vocabulary, 150));
        // Frequent words too, so that many rules match and the comparison is not all-empty.
        Random random = new Random(11L);
        for (int i = 0; i < 150; i++) {
            String a = vocabulary.get(30 + random.nextInt(300));
            String b = vocabulary.get(30 + random.nextInt(300));
            rules.add(switch (i % 3) {
                case 0 -> a + " " + b;
                case 1 -> "\"" + a + " " + b + "\"~3 OR " + b + "~1";
                default -> a + " NEAR/5 " + b + " -" + vocabulary.get(random.nextInt(30));
            });
        }
        RuleMatcher matcher = new RuleMatcher();
        // The generated rules are filed by priors, then re-filed by the key frequencies the matcher observed in its
        // warm-up; the hand-made ones come after it, filed by those frequencies straight away (and kept out of the
        // warm-up, where their fuzzy terms on every tweet cost minutes). Then rules are removed and changed as it runs.
        for (int i = 0; i < generated; i++) matcher.register("r" + i, rules.get(i));
        for (Mention tweet : all.subList(10_000, 10_000 + KEY_STATS_WARM + 200)) matcher.match(tweet); // re-filed at KEY_STATS_WARM
        for (int i = generated; i < rules.size(); i++) matcher.register("r" + i, rules.get(i));
        for (int i = 0; i < rules.size(); i += 10) matcher.delete("r" + i);
        for (int i = 5; i < rules.size(); i += 10) {
            String changed = rules.get((i * 7) % rules.size());
            rules.set(i, changed);
            matcher.register("r" + i, changed);
        }
        QueryCompiler compiler = new QueryCompiler(MentionFields.queryAnalyzer());
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) queries.add(i % 10 == 0 ? null : compiler.compile(rules.get(i)));

        List<Mention> tweets = all.subList(0, 200); // about 370,000 rule-tweet pairs, each run as a query: the suite's slowest test
        // Brute force on every core (queries are immutable, each tweet has its own index); the matcher, which learns
        // as it goes, then runs the tweets in order.
        List<List<String>> bruteForces = tweets.parallelStream().map(tweet -> bruteForce(tweet, queries)).toList();
        long matches = 0;
        for (int t = 0; t < tweets.size(); t++) {
            Mention tweet = tweets.get(t);
            List<String> bruteForce = bruteForces.get(t);
            RuleMatcher.Result result = matcher.match(tweet);
            assertThat(result.failures()).isEmpty();
            if (!new java.util.HashSet<>(result.ruleIds()).equals(new java.util.HashSet<>(bruteForce))) {
                List<String> differ = new ArrayList<>(result.ruleIds());
                differ.removeAll(bruteForce);
                List<String> missed = new ArrayList<>(bruteForce);
                missed.removeAll(result.ruleIds());
                throw new AssertionError("tweet " + tweet.id + " (" + tweet.text + "): the matcher also matched "
                        + differ.stream().map(id -> id + " " + rules.get(Integer.parseInt(id.substring(1)))).toList()
                        + " and missed " + missed.stream().map(id -> id + " " + rules.get(Integer.parseInt(id.substring(1)))).toList());
            }
            matches += bruteForce.size();
        }
        System.out.printf("%,d rules × %,d tweets: %,d matches, identical to brute force%n", rules.size(), tweets.size(), matches);
        assertThat(matches).as("the rules match something").isGreaterThan(tweets.size());
    }

    private static List<String> bruteForce(Mention tweet, List<Query> queries) {
        MemoryIndex index = MentionFields.memoryIndex(tweet, MentionFields.indexAnalyzer());
        IndexSearcher searcher = index.createSearcher(); // count, not score: a fuzzy match may score 0
        List<String> matched = new ArrayList<>();
        try {
            for (int i = 0; i < queries.size(); i++) if (queries.get(i) != null && searcher.count(queries.get(i)) > 0) matched.add("r" + i);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return matched;
    }

    /** Rules the presearcher cannot file under a term: they must run on every tweet. */
    private static List<String> withoutRequiredTerms(List<String> vocabulary, int n) {
        Random random = new Random(3L);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String w = vocabulary.get(20 + random.nextInt(500));
            String prefix = w.length() > 3 ? w.substring(0, 3) : w;
            out.add(switch (i % 4) {
                case 0 -> "network:twitter -" + w;
                case 1 -> "lang:en";
                case 2 -> prefix + "* OR " + w + "~2";
                default -> "(" + prefix + "* OR #" + w + ") -" + vocabulary.get(random.nextInt(50));
            });
        }
        return out;
    }
}
