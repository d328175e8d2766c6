package org.earshot.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import me.tongfei.progressbar.ProgressBar;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.earshot.jobs.console.Progress;
import org.earshot.pipeline.matching.RuleMatcher;
import org.earshot.pipeline.query.MentionFields;
import org.earshot.pipeline.query.QueryCompiler;
import org.earshot.pipeline.text.Tokens;
import org.earshot.schemas.Mention;

/**
 * {@code earshot bench match}: N generated rules against a corpus of posts on one thread, and in
 * the same run every rule on every post of a sample (brute force), the baseline the presearcher
 * must beat.
 */
public final class MatchBenchmark {
    private final Path corpus;
    private final int ruleCount;
    private final PrintStream out;

    public MatchBenchmark(Path corpus, int ruleCount, PrintStream out) {
        this.corpus = corpus;
        this.ruleCount = ruleCount;
        this.out = out;
    }

    public record Result(double matcherPerSecond, double bruteForcePerSecond, long ruleIndexBytes, double matchedShare) {
        public double ratio() {
            return matcherPerSecond / bruteForcePerSecond;
        }
    }

    public Result run() throws IOException {
        List<Mention> posts = posts(corpus);
        List<String> rules = new RuleGenerator(vocabulary(posts), 42L).rules(ruleCount);
        out.printf("%,d posts from %s, %,d generated rules, e.g.:%n", posts.size(), corpus, rules.size());
        rules.stream().limit(8).forEach(r -> out.println("  " + r));

        long before = usedMemory();
        RuleMatcher matcher = new RuleMatcher();
        for (int i = 0; i < rules.size(); i++) matcher.register("r" + i, rules.get(i));
        long indexBytes = usedMemory() - before;

        for (int i = 0; i < Math.min(5_000, posts.size()); i++) matcher.match(posts.get(i)); // warm-up
        long matched = 0;
        long start = System.nanoTime();
        try (ProgressBar bar = Progress.bar("matching", posts.size())) {
            for (Mention post : posts) {
                if (!matcher.match(post).ruleIds().isEmpty()) matched++;
                bar.step();
            }
        }
        double matcherRate = posts.size() / ((System.nanoTime() - start) / 1e9);

        QueryCompiler compiler = new QueryCompiler(MentionFields.queryAnalyzer());
        Analyzer analyzer = MentionFields.indexAnalyzer();
        List<Query> queries = rules.stream().map(compiler::compile).toList();
        int sample = Math.max(20, Math.min(500, 2_000_000 / ruleCount));
        start = System.nanoTime();
        for (int i = 0; i < sample; i++) {
            MemoryIndex index = MentionFields.memoryIndex(posts.get(i), analyzer);
            IndexSearcher searcher = index.createSearcher();
            for (Query q : queries) searcher.count(q);
        }
        double bruteRate = sample / ((System.nanoTime() - start) / 1e9);
        out.printf("brute force on a sample of %,d posts: every rule on every post%n", sample);
        return new Result(matcherRate, bruteRate, indexBytes, (double) matched / posts.size());
    }

    /** The corpus, one post per line, as mentions. */
    static List<Mention> posts(Path corpus) throws IOException {
        List<Mention> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
            Mention m = new Mention();
            m.id = String.valueOf(++n);
            m.network = "twitter";
            m.lang = "en";
            m.text = line;
            out.add(m);
        }
        return out;
    }

    /** Words by frequency, most frequent first. */
    static List<String> vocabulary(List<Mention> posts) {
        Analyzer analyzer = MentionFields.queryAnalyzer();
        Map<String, Integer> counts = new HashMap<>();
        for (Mention post : posts) {
            for (Tokens.Token token : Tokens.of(analyzer, MentionFields.TEXT, post.text)) counts.merge(token.text(), 1, Integer::sum);
        }
        List<String> words = new ArrayList<>(counts.keySet());
        words.sort((a, b) -> counts.get(b) - counts.get(a));
        return words;
    }

    private static long usedMemory() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * Rules shaped like a listening project's: brand and product words from the corpus's long tail
     * (not its stop words), combined in the proportions analysts use.
     */
    static final class RuleGenerator {
        private final List<String> brands;
        private final List<String> context;
        private final Random random;

        RuleGenerator(List<String> vocabulary, long seed) {
            List<String> words = vocabulary.stream().filter(w -> w.matches("[a-z][a-z0-9]{3,}")).toList();
            this.context = words.subList(50, Math.min(words.size(), 1_500));
            this.brands = words.subList(Math.min(words.size(), 300), Math.min(words.size(), 30_000));
            this.random = new Random(seed);
        }

        List<String> rules(int n) {
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(rule());
            return out;
        }

        private String rule() {
            String brand = pick(brands);
            int kind = random.nextInt(100);
            if (kind < 25) return brand + " OR " + pick(brands) + " OR #" + brand;
            if (kind < 45) return "(" + brand + " OR " + pick(brands) + ") AND (" + pick(context) + " OR " + pick(context) + ")";
            if (kind < 60) return "\"" + brand + " " + pick(context) + "\"~2";
            if (kind < 72) return brand + " NEAR/3 (" + pick(context) + " OR " + pick(context) + ")";
            if (kind < 84) return brand + " -" + pick(context) + " -" + pick(context);
            if (kind < 90) return brand.substring(0, 4) + "* AND " + pick(context);
            if (kind < 96) return "lang:en AND (" + brand + " OR @" + brand + ")";
            return "title:" + brand + " OR " + brand;
        }

        private String pick(List<String> words) {
            return words.get(random.nextInt(words.size()));
        }
    }
}
