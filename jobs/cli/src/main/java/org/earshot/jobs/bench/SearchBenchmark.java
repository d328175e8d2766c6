package org.earshot.jobs.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import me.tongfei.progressbar.ProgressBar;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.earshot.jobs.console.Progress;
import org.earshot.jobs.settings.IndexKeys;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.pipeline.query.MentionFields;
import org.earshot.pipeline.search.MentionDocument;
import org.earshot.pipeline.search.MentionIndexer;
import org.earshot.schemas.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.earshot.pipeline.search.MentionIndex;
import org.earshot.pipeline.search.MentionSearch;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.schemas.Author;
import org.earshot.schemas.Engagement;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Sentiment;

/**
 * {@code earshot bench search}: a corpus's posts, repeated under new ids and times up to N mentions, into the
 * search index as the indexer writes them ({@link MentionIndex#put}: every field, facets, the stored mention),
 * against a bare {@link IndexWriter} adding each post's id and text with Lucene's standard analyzer, in the same
 * run; then representative queries with highlights and facets over the index, and its size on disk.
 */
public final class SearchBenchmark {
    /** What analysts type: words, phrases, NEAR, wildcards, fuzzy words, NOT, fields, with filters and sorts. */
    static final List<MentionSearch.Request> QUERIES = List.of(
            MentionSearch.Request.of("love"),
            MentionSearch.Request.of("\"happy birthday\""),
            MentionSearch.Request.of("christmas AND (tree OR lights)"),
            MentionSearch.Request.of("new NEAR/3 (year OR music)"),
            MentionSearch.Request.of("beaut*"),
            MentionSearch.Request.of("amazng~1"),
            MentionSearch.Request.of("game -lost"),
            MentionSearch.Request.of("#love"),
            MentionSearch.Request.of("@user"),
            MentionSearch.Request.of("lang:en AND (coffee OR tea)"),
            MentionSearch.Request.of("sun*").sorted(MentionSearch.Order.REACH),
            MentionSearch.Request.of("love").sorted(MentionSearch.Order.RELEVANCE),
            MentionSearch.Request.of("").filtered(List.of("bluesky"), List.of(), List.of("negative"), List.of(), List.of(), 0),
            MentionSearch.Request.of("night").filtered(List.of(), List.of(), List.of(), List.of("joy"), List.of(), 1_000),
            MentionSearch.Request.of("beach OR ocean OR sea"),
            MentionSearch.Request.of("\"so much\" AND fun"),
            MentionSearch.Request.of("today").between(Instant.parse("2026-11-10T00:00:00Z"), Instant.parse("2026-11-12T00:00:00Z")),
            MentionSearch.Request.of("work NEAR/5 tired"),
            MentionSearch.Request.of("fam*").filtered(List.of("mastodon", "reddit"), List.of(), List.of(), List.of(), List.of(), 0),
            MentionSearch.Request.of("(dog OR cat) AND (cute OR adorable)").sorted(MentionSearch.Order.REACH));

    private static final String[] NETWORKS = {"bluesky", "mastodon", "reddit", "rss", "hackernews"};
    private static final String[] SENTIMENTS = {"negative", "neutral", "positive"};
    private static final String[] EMOTIONS = {"anger", "joy", "optimism", "sadness", "none"};
    private static final int PARTITIONS = 2;
    private static final int WARM_UP = 100_000;
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final long START = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    /**
     * Mentions/s through the real indexer; the same documents through a bare IndexWriter (the baseline); a minimal
     * document (id and text, Lucene's standard analyzer) for scale; query times; size on disk. The indexer's CPU a
     * mention is the whole process's while it ran (its merges and the broker it reads included): what it takes from a
     * machine it shares, which its rate alone hides while a core is idle.
     */
    public record Result(double indexedPerSecond, double indexerCpuMicros, double barePerSecond, double minimalPerSecond, double p50Millis,
                         double p99Millis, long bytesPerMillion, long documents) {
        public double ratio() {
            return indexedPerSecond / barePerSecond;
        }
    }

    private final Path corpus;
    private final int count;
    private final Duration refresh;
    private final Path dir;
    private final PrintStream out;

    public SearchBenchmark(Path corpus, int count, Duration refresh, Path dir, PrintStream out) {
        this.corpus = corpus;
        this.count = count;
        this.refresh = refresh;
        this.dir = dir;
        this.out = out;
    }

    public Result run() throws IOException, InterruptedException {
        // The indexer gets mentions the Listen job normalized: normalize each post once, before the clock starts.
        MentionNormalizer normalizer = new MentionNormalizer(100_000);
        List<Mention> posts = new ArrayList<>();
        for (String line : Files.readAllLines(corpus)) {
            Mention m = new Mention();
            m.text = line;
            posts.add(normalizer.normalize(m));
        }
        out.printf("%,d posts from %s, %,d mentions (the posts %.1f times over, new ids and times)%n", posts.size(), corpus, count,
                count / (double) Math.max(1, posts.size()));
        // The JIT compiles analysis and indexing on a warm-up run first, so that neither measured run pays for it.
        bare(posts, Math.min(count, WARM_UP), dir.resolve("warm-up"));
        double minimal = count / seconds(() -> minimal(posts, dir.resolve("minimal")));
        double bare = count / seconds(() -> bare(posts, count, dir.resolve("bare")));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), kafka.clientProperties());
            TopicAdmin.ensureTopics(settings, PARTITIONS, List.of(Topics.MENTIONS_ENRICHED));
            produce(settings, posts);
            try (MentionIndex index = MentionIndex.open(dir.resolve("index"))) {
                long cpuAtStart = OS.getProcessCpuTime();
                double indexed = count / seconds(() -> index(settings, index));
                double cpuMicros = (OS.getProcessCpuTime() - cpuAtStart) / 1e3 / count;
                MentionIndex.Stats stats = index.stats();
                double[] millis = queries(index);
                Arrays.sort(millis);
                return new Result(indexed, cpuMicros, bare, minimal, millis[millis.length / 2], millis[(int) Math.ceil(millis.length * 0.99) - 1],
                        (long) (stats.bytesOnDisk() * (1_000_000.0 / count)), stats.documents());
            }
        }
    }

    /**
     * The real indexer, as the demo runs it (committed every 2 s, refreshed as asked, by default as the demo's), from
     * an empty index until it has applied every mention and made its last commit.
     */
    private void index(KafkaSettings settings, MentionIndex index) throws IOException, InterruptedException {
        MentionIndexer indexer = new MentionIndexer(settings, index, refresh, IndexKeys.COMMIT_INTERVAL.defaultValue(),
                IndexKeys.RETENTION.defaultValue()).start();
        try (ProgressBar progress = Progress.bar("indexer", count, " mentions")) {
            while (indexer.applied() < count) {
                progress.stepTo(indexer.applied());
                Thread.sleep(50);
            }
        }
        indexer.finish(); // what came after its last commit is applied again: applied() may pass count, documents may not
        long documents = index.stats().documents();
        if (documents != count || indexer.skipped() != 0) {
            throw new IllegalStateException("the index holds " + documents + " documents and skipped " + indexer.skipped() + " of " + count);
        }
    }

    /** Every mention onto the enriched topic, keyed by id as the Listen job writes it; not timed. */
    private void produce(KafkaSettings settings, List<Mention> posts) {
        Properties props = settings.toProperties();
        props.setProperty("linger.ms", "20");
        props.setProperty("batch.size", "1048576");
        props.setProperty("compression.type", "lz4");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
             ProgressBar progress = Progress.bar("onto " + Topics.MENTIONS_ENRICHED.name(), count, " mentions")) {
            for (int i = 0; i < count; i++) {
                Mention m = mention(i, posts.get(i % posts.size()));
                producer.send(new ProducerRecord<>(Topics.MENTIONS_ENRICHED.name(), m.id.getBytes(StandardCharsets.UTF_8),
                        Topics.MENTIONS_ENRICHED.serialize(m)));
                if (i % 10_000 == 0) progress.stepTo(i);
            }
            producer.flush();
        }
    }

    /** Five rounds of every query, the first round a warm-up; each with highlights and facets, the first page of 20. */
    private double[] queries(MentionIndex index) throws IOException {
        MentionSearch search = new MentionSearch();
        List<Double> millis = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            for (MentionSearch.Request q : QUERIES) {
                long t = System.nanoTime();
                MentionSearch.Result r = index.search(s -> search.search(s, q));
                if (round > 0) millis.add((System.nanoTime() - t) / 1e6);
                if (round == 0) out.printf("  %-55s %,9d hits%n", q.query().isEmpty() ? "(filters only)" : q.query(), r.total());
            }
        }
        return millis.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The indexer's own documents, built from the same mentions, added by a bare IndexWriter configured as the index is. */
    private static void bare(List<Mention> posts, int count, Path path) throws IOException {
        try (FSDirectory directory = FSDirectory.open(path);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(MentionFields.indexAnalyzer()).setRAMBufferSizeMB(64))) {
            for (int i = 0; i < count; i++) {
                writer.addDocument(MentionDocument.FACETS_CONFIG.build(MentionDocument.of(mention(i, posts.get(i % posts.size())))));
            }
            writer.commit();
        }
    }

    /** The least a search index holds: each post's id and text, Lucene's standard analyzer. */
    private void minimal(List<Mention> posts, Path path) throws IOException {
        try (FSDirectory directory = FSDirectory.open(path);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()).setRAMBufferSizeMB(64))) {
            for (int i = 0; i < count; i++) {
                Document d = new Document();
                d.add(new StringField("id", "bench:" + i, Field.Store.YES));
                d.add(new TextField("text", posts.get(i % posts.size()).text, Field.Store.YES));
                writer.addDocument(d);
            }
            writer.commit();
        }
    }

    private interface Work {
        void run() throws IOException, InterruptedException;
    }

    private static double seconds(Work work) throws IOException, InterruptedException {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static Mention mention(int i, Mention post) {
        Mention m = new Mention();
        m.id = "bench:" + i;
        m.network = NETWORKS[i % NETWORKS.length];
        m.url = "https://" + m.network + ".example/p/" + i;
        m.canonicalUrl = m.url;
        m.text = post.text;
        m.hashtags = post.hashtags;
        m.mentions = post.mentions;
        m.links = post.links;
        m.lang = "en";
        m.publishedAt = Instant.ofEpochMilli(START + (i * 2_591L) % 2_592_000_000L); // spread over 30 days
        m.author = new Author("user" + (i % 5_000), null, null, (long) (i * 7919L % 50_000));
        m.engagement = new Engagement(i % 97, i % 13, i % 7);
        m.sentiment = new Sentiment(SENTIMENTS[i % 3], 0.7);
        m.emotion = EMOTIONS[i % EMOTIONS.length];
        m.ruleIds = i % 4 == 0 ? List.of("r" + (i % 20)) : List.of();
        return m;
    }
}
