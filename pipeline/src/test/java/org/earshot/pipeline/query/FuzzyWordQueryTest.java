package org.earshot.pipeline.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.automaton.CompiledAutomaton;
import org.earshot.pipeline.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fuzzy word measures a mention's terms itself but must find what Lucene's {@link FuzzyQuery} finds, scored alike:
 * over each of 2,000 corpus tweets alone (the matcher's one-mention index, where it measures), over 5,000 of them indexed
 * on disk (search, where Lucene's automata do the work), and word by word against Lucene's automata.
 */
class FuzzyWordQueryTest {
    private static final String FIELD = MentionFields.TEXT;
    private static final Analyzer ANALYZER = MentionFields.indexAnalyzer();
    private static final int TWEETS = 5_000;
    /** Lucene builds its automata for each tweet alone: a few milliseconds a tweet for a long word at two edits. */
    private static final int TWEETS_ALONE = 2_000;

    @TempDir
    static Path dir;
    static List<String> tweets;
    static IndexSearcher searcher;

    @BeforeAll
    static void index() throws IOException {
        tweets = Files.readAllLines(SharedData.path("corpus/tweeteval-emoji/tweets.txt")).subList(0, TWEETS);
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig(ANALYZER))) {
            for (String tweet : tweets) {
                Document doc = new Document();
                doc.add(new TextField(FIELD, tweet, Field.Store.NO));
                writer.addDocument(doc);
            }
        }
        searcher = new IndexSearcher(DirectoryReader.open(FSDirectory.open(dir)));
    }

    @ParameterizedTest(name = "{0}~{1}")
    @CsvSource({"love, 1", "love, 2", "happy, 2", "great, 1", "great, 2", "day, 2", "christmas, 2", "beautiful, 2", "the, 1"})
    void findsAndScoresWhatLucenesFuzzyQueryDoes(String word, int edits) throws IOException {
        Query lucene = new FuzzyQuery(new Term(FIELD, word), edits, 1, QueryCompiler.MAX_EXPANSIONS, true);
        Query ours = new FuzzyWordQuery(new Term(FIELD, word), edits, 1, QueryCompiler.MAX_EXPANSIONS);

        TopDocs expected = searcher.search(lucene, TWEETS);
        TopDocs actual = searcher.search(ours, TWEETS);

        assertThat(expected.scoreDocs.length).as("a word with neighbours in the corpus").isGreaterThan(10);
        assertThat(hits(actual)).isEqualTo(hits(expected));
    }

    @ParameterizedTest(name = "{0}~{1}")
    @CsvSource({"love, 1", "love, 2", "happy, 2", "night, 1", "the, 1", "the, 2", "christmas, 2"})
    void matchesAndScoresEachTweetAloneAsLucenesFuzzyQueryDoes(String word, int edits) throws IOException {
        Query lucene = new FuzzyQuery(new Term(FIELD, word), edits, 1, QueryCompiler.MAX_EXPANSIONS, true);
        Query ours = new FuzzyWordQuery(new Term(FIELD, word), edits, 1, QueryCompiler.MAX_EXPANSIONS);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < TWEETS_ALONE; i++) {
            IndexSearcher one = alone(tweets.get(i));
            assertThat(one.getIndexReader().leaves().get(0).reader().terms(FIELD).size()).isLessThanOrEqualTo(FuzzyWordQuery.MEASURED_TERMS);
            if (one.count(lucene) > 0) expected.add(i + ":" + one.search(lucene, 1).scoreDocs[0].score);
            if (one.count(ours) > 0) actual.add(i + ":" + one.search(ours, 1).scoreDocs[0].score);
        }
        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(actual).isEqualTo(expected);
    }

    /** Random words over three letters, where swaps and repeated edits abound: within k edits exactly when Lucene's automaton says so. */
    @Test
    void measuresDistanceAsLucenesAutomataDo() {
        Random random = new Random(25);
        Map<String, List<CompiledAutomaton>> automata = new HashMap<>();
        int within = 0;
        for (int i = 0; i < 20_000; i++) {
            String word = randomWord(random, 1, 6);
            String other = randomWord(random, 0, 8);
            List<CompiledAutomaton> byEdits = automata.computeIfAbsent(word,
                    w -> List.of(FuzzyQuery.getFuzzyAutomaton(w, 1, 0, true), FuzzyQuery.getFuzzyAutomaton(w, 2, 0, true)));
            byte[] bytes = other.getBytes(StandardCharsets.UTF_8);
            for (int k = 1; k <= 2; k++) {
                boolean lucene = byEdits.get(k - 1).runAutomaton.run(bytes, 0, bytes.length);
                boolean ours = FuzzyWordQuery.edits(other.codePoints().toArray(), word.codePoints().toArray(), k) <= k;
                assertThat(ours).as("'%s' within %d of '%s'", other, k, word).isEqualTo(lucene);
                if (ours) within++;
            }
        }
        assertThat(within).as("pairs within reach, so both answers were tried").isGreaterThan(2_000);
    }

    @Test
    void countsASwapAsOneEditAndNeverEditsASwappedPairAgain() {
        assertThat(FuzzyWordQuery.edits(codePoints("amce"), codePoints("acme"), 2)).isEqualTo(1);
        assertThat(FuzzyWordQuery.edits(codePoints("ca"), codePoints("abc"), 3)).isEqualTo(3);
        assertThat(FuzzyWordQuery.edits(codePoints("acmeee"), codePoints("acme"), 1)).as("beyond the limit").isEqualTo(2);
        assertThat(FuzzyWordQuery.edits(codePoints("café"), codePoints("cafe"), 1)).isEqualTo(1);
    }

    @Test
    void insideNearItFindsWhatLucenesDoes() throws IOException {
        SpanQuery lucene = new SpanNearQuery(new SpanQuery[] {
            new SpanMultiTermQueryWrapper<>(new FuzzyQuery(new Term(FIELD, "happy"), 2, 1, QueryCompiler.MAX_EXPANSIONS, true)),
            new SpanTermQuery(new Term(FIELD, "birthday"))}, 3, false);
        SpanQuery ours = new SpanNearQuery(new SpanQuery[] {
            new SpanMultiTermQueryWrapper<>(new FuzzyWordQuery(new Term(FIELD, "happy"), 2, 1, QueryCompiler.MAX_EXPANSIONS)),
            new SpanTermQuery(new Term(FIELD, "birthday"))}, 3, false);

        TopDocs expected = searcher.search(lucene, TWEETS);
        assertThat(expected.scoreDocs.length).isGreaterThan(10);
        assertThat(hits(searcher.search(ours, TWEETS))).isEqualTo(hits(expected));
    }

    @Test
    void readsAsAnAnalystWroteIt() {
        assertThat(new QueryCompiler(MentionFields.queryAnalyzer()).compile("Acme~2").toString(FIELD)).isEqualTo("acme~2");
    }

    private static String randomWord(Random random, int min, int max) {
        StringBuilder word = new StringBuilder();
        for (int n = min + random.nextInt(max - min + 1); n > 0; n--) word.append((char) ('a' + random.nextInt(3)));
        return word.toString();
    }

    private static int[] codePoints(String s) {
        return s.codePoints().toArray();
    }

    private static IndexSearcher alone(String tweet) {
        MemoryIndex index = new MemoryIndex();
        index.addField(FIELD, tweet, ANALYZER);
        IndexSearcher one = index.createSearcher();
        one.setQueryCache(null);
        return one;
    }

    /** Each hit as document and score, in rank order. */
    private static List<String> hits(TopDocs top) {
        List<String> hits = new ArrayList<>();
        for (ScoreDoc d : top.scoreDocs) hits.add(d.doc + ":" + d.score);
        return hits;
    }
}
