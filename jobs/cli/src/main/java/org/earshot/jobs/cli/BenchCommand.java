package org.earshot.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.earshot.jobs.bench.ClusterBenchmark;
import org.earshot.jobs.cluster.JobJar;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.earshot.jobs.bench.ClickHouseBenchmark;
import org.earshot.jobs.bench.IngestBenchmark;
import org.earshot.jobs.bench.IngestParseBenchmark;
import org.earshot.jobs.bench.MatchBenchmark;
import org.earshot.jobs.bench.NlpBenchmark;
import org.earshot.jobs.bench.Sampler;
import org.earshot.jobs.bench.SearchBenchmark;
import org.earshot.jobs.bench.SoakBenchmark;
import org.earshot.jobs.bench.StateBenchmark;
import org.earshot.jobs.bench.AlertsBenchmark;
import org.earshot.jobs.bench.BenchFolder;
import org.earshot.jobs.settings.IndexKeys;
import org.earshot.jobs.settings.StateKeys;
import org.earshot.pipeline.settings.Durations;
import org.earshot.jobs.bench.DashboardsBenchmark;
import org.earshot.jobs.bench.ReportsBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code earshot bench}: measured figures, each against a baseline from the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure throughput against a baseline measured in the same run.",
                "ingest: the whole Listen job (--rules live rules, ClickHouse, every stage) over mentions already in earshot.mentions, against a job "
                        + "of parse and dedup alone on the same records, with each stage's CPU per mention and a JFR recording of each.",
                "clickhouse: mention rows through the exactly-once ClickHouse sink, against the raw JDBC "
                        + "driver inserting the same rows; then a GROUP BY rule × hour over the rows written.",
                "match: N generated rules against a corpus on one thread, against every rule on every post of a sample.",
                "nlp: language, sentiment and emotion on a corpus on one thread, against the tokenizer alone.",
                "ingest-parse: recorded feed and network payloads to normalized Mentions per source type on "
                        + "one thread, against a bare parse of the same bytes (JSON tree, SAX pass over the XML).",
                "dashboards: N mention rows (default 10,000,000) and their aggregates made inside ClickHouse, then the overview's "
                        + "endpoints under 20 concurrent clients through the server, against the same queries straight to ClickHouse.",
                "reports: N mention rows (default 1,000,000) over 30 days for five rules, then a project's 30-day PDF against its numbers "
                        + "alone, and an XLSX of all N mentions against streaming them unwritten, with the heap's peak.",
                "alerts: mentions at --rate a second, each matching one of --subscriptions every-match subscriptions, from earshot.mentions "
                        + "to the webhook's arrival (p50, p99), against the same mentions' arrival on earshot.mentions.enriched.",
                "search: N mentions (the corpus repeated) from earshot.mentions.enriched through the real indexer, against a bare "
                        + "IndexWriter adding the same documents; then 20 queries with highlights and facets, p50 and p99, and the size on disk.",
                "state: N distinct mentions (default 1,000,000) through the Listen job's dedup stages with each state backend: the "
                        + "checkpoint that holds them, the next one's upload and the heap they took, RocksDB against the heap backend.",
                "cluster: N mentions (default 100,000) through the Listen job from the cluster jar on the local cluster (two TaskManager "
                        + "processes, three brokers, a ClickHouse server), against the same jar on a MiniCluster in this JVM on the same "
                        + "input and servers: throughput, checkpoints, and the recovery from a TaskManager killed with SIGKILL.",
                "soak: the whole local pipeline (Listen with --rules live rules, ClickHouse) held at --rate mentions a second for --for: "
                        + "throughput, backlog, latency to ClickHouse (p50, p99), heap after GC, resident memory and checkpoint size over time, "
                        + "as soak.csv, PNG charts and soak.html."})
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "WHAT", converter = WhatConverter.class, description = "What to measure: ${COMPLETION-CANDIDATES}.")
    What what;

    @Option(names = "--count", paramLabel = "N", description = "Mentions per measured run (default: 500,000 for ingest, 1,000,000 for clickhouse and search).")
    Integer count;

    @Option(names = "--warm-up", paramLabel = "N", description = "ingest: mentions each job reads before it is measured (default: "
            + "600,000, after which the JIT has settled).")
    Integer warmUp;

    @Option(names = "--batch-rows", defaultValue = "100000", paramLabel = "N", description = "clickhouse: rows per insert batch (default: ${DEFAULT-VALUE}).")
    int batchRows;

    @Option(names = "--parallelism", defaultValue = "1", paramLabel = "N", description = "Listen job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--checkpoint-interval", defaultValue = "5s", paramLabel = "DURATION",
            description = "The Listen job's checkpoint interval; output is committed on checkpoints (default: ${DEFAULT-VALUE}).")
    String checkpointInterval;

    @Option(names = "--rate", defaultValue = "5000", paramLabel = "N", description = "alerts, soak: mentions per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--subscriptions", defaultValue = "1000", paramLabel = "N", description = "alerts: every-match subscriptions (default: ${DEFAULT-VALUE}).")
    int subscriptions;

    @Option(names = "--for", defaultValue = "60s", paramLabel = "DURATION", description = "alerts: how long it is measured, after 20 s of warm-up; soak: how long it runs (default: ${DEFAULT-VALUE}).")
    String measured;

    @Option(names = "--gather", defaultValue = "500ms", paramLabel = "DURATION",
            description = "alerts: how long each subscription gathers mentions into one notification (default: ${DEFAULT-VALUE}).")
    String gather;

    @Option(names = "--refresh", paramLabel = "DURATION", description = "search, soak: how often the indexer refreshes the search index "
            + "(default: index.refresh-interval's default, as the demo runs it).")
    String refresh;

    @Option(names = "--rules", defaultValue = "10000", paramLabel = "N", description = "match, ingest: live rules (default: ${DEFAULT-VALUE}).")
    int rules;

    @Option(names = "--corpus", defaultValue = "../shared/data/corpus/tweeteval-emoji/tweets.txt", paramLabel = "FILE",
            description = "match, nlp, search, ingest (its rules' words): posts, one per line (default: ${DEFAULT-VALUE}).")
    Path corpus;

    @Option(names = "--passes", defaultValue = "5", paramLabel = "N",
            description = "nlp: passes over the corpus for each stage; the fastest counts (default: ${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--feeds", defaultValue = "../shared/data/feeds", paramLabel = "DIR",
            description = "ingest-parse: the recorded payloads (default: ${DEFAULT-VALUE}).")
    Path feeds;

    @Option(names = "--dedup-ttl", defaultValue = "7d", paramLabel = "DURATION",
            description = "soak: how long the Listen job remembers a mention for deduplication (default: ${DEFAULT-VALUE}, as the job's own).")
    String dedupTtl;

    @Option(names = "--state", defaultValue = "hashmap", paramLabel = "BACKEND",
            description = "soak: where the Listen job keeps its state, hashmap or rocksdb (incremental checkpoints) (default: ${DEFAULT-VALUE}).")
    String state;

    @Option(names = "--sampler", defaultValue = "jfr", paramLabel = "SAMPLER",
            description = "ingest: what samples the stages' CPU, jfr or async (async-profiler: no bias toward safepoints, Linux and macOS) (default: ${DEFAULT-VALUE}).")
    String sampler;

    @Option(names = "--stamp-rate", defaultValue = "10", paramLabel = "N",
            description = "ingest: mentions stamped per second of event time; a live stream at N mentions/s is stamped N a second, so each "
                    + "rule's minute holds as many as it would live (default: ${DEFAULT-VALUE}, 100 ms apart).")
    double stampRate;

    @Option(names = "--report", paramLabel = "DIR", description = "soak: where its report goes (default: a folder in the bench's temporary one).")
    Path report;

    @Option(names = "--keep-data", description = "Keep the data of the services a bench starts (Kafka's log, ClickHouse's tables, checkpoints) "
            + "in its temporary folder; by default only what it wrote for you (recordings, reports) stays.")
    boolean keepData;

    enum What {
        ingest, clickhouse, match, nlp, ingest_parse, search, dashboards, reports, alerts, state, cluster, soak;

        @Override
        public String toString() {
            return name().replace('_', '-');
        }
    }

    /** The indexer's refresh that search and soak run with: {@code --refresh}, or what the demo runs with. */
    private Duration indexRefresh() {
        return refresh == null ? IndexKeys.REFRESH_INTERVAL.defaultValue() : Durations.parse("--refresh", refresh);
    }

    /** Accepts the names as printed ({@code ingest-parse}). */
    static final class WhatConverter implements picocli.CommandLine.ITypeConverter<What> {
        @Override
        public What convert(String value) {
            for (What w : What.values()) if (w.toString().equals(value)) return w;
            throw new picocli.CommandLine.TypeConversionException("expected one of ingest, clickhouse, match, nlp, ingest-parse, search, dashboards, reports, alerts, state, cluster, soak, got '" + value + "'");
        }
    }

    @Override
    public Integer call() throws Exception {
        if (what == What.match) {
            if (!Files.isRegularFile(corpus)) throw new IllegalArgumentException("no such corpus file: " + corpus);
            MatchBenchmark.Result r = new MatchBenchmark(corpus, rules, System.out).run();
            System.out.printf("matcher (presearcher, one thread):       %,10.0f mentions/s   (target ≥ 20,000 at 10,000 rules, ≥ 5,000 at 100,000)%n",
                    r.matcherPerSecond());
            System.out.printf("brute force (every rule, one thread):    %,10.1f mentions/s%n", r.bruteForcePerSecond());
            System.out.printf("ratio matcher / brute force:             %,10.0f%n", r.ratio());
            System.out.printf("rule index memory:                       %,10.1f MB   (%.0f %% of posts matched a rule)%n",
                    r.ruleIndexBytes() / 1e6, r.matchedShare() * 100);
            return 0;
        }
        if (what == What.ingest_parse) {
            if (!Files.isDirectory(feeds)) throw new IllegalArgumentException("no such folder of recorded payloads: " + feeds);
            System.out.println("mentions parsed and normalized per second, one thread (targets: ≥ 20,000 for JSON networks, ≥ 5,000 for RSS/Atom)");
            new IngestParseBenchmark(feeds, System.out).run();
            return 0;
        }
        if (what == What.nlp) {
            if (!Files.isRegularFile(corpus)) throw new IllegalArgumentException("no such corpus file: " + corpus);
            NlpBenchmark.Result r = new NlpBenchmark(corpus, passes, System.out).run();
            System.out.printf("tokenizer alone (baseline):              %,10.0f documents/s%n", r.tokenizer());
            System.out.printf("language:                                %,10.0f documents/s   (ratio %.2f)%n", r.language(), r.language() / r.tokenizer());
            System.out.printf("sentiment:                               %,10.0f documents/s   (ratio %.2f; target ≥ 20,000)%n",
                    r.sentiment(), r.sentiment() / r.tokenizer());
            System.out.printf("emotion:                                 %,10.0f documents/s   (ratio %.2f)%n", r.emotion(), r.emotion() / r.tokenizer());
            System.out.printf("model loading:                           %10.2f s        (target < 2 s)%n", r.loadSeconds());
            return 0;
        }
        Path dir = Files.createTempDirectory("earshot-bench");
        try {
            return measureIn(dir);
        } finally {
            if (!keepData) BenchFolder.clear(dir, System.out);
        }
    }

    /** The benches that start services (Kafka, ClickHouse, Flink), each keeping its data in {@code dir}. */
    private int measureIn(Path dir) throws Exception {
        if (what == What.cluster) {
            Path jar = JobJar.built().orElseThrow(() -> new IllegalArgumentException("no cluster jar: mvn -B package -DskipTests builds it"));
            ClusterBenchmark.Result r = new ClusterBenchmark(count == null ? 100_000 : count, jar, dir, System.out).run();
            System.out.printf("%-38s %,10.0f mentions/s   checkpoints %5.0f ms   state %6.1f MB%n", r.miniCluster().label() + ":",
                    r.miniCluster().perSecond(), r.miniCluster().checkpointMillis(), r.miniCluster().checkpointBytes() / 1e6);
            System.out.printf("%-38s %,10.0f mentions/s   checkpoints %5.0f ms   state %6.1f MB%n", r.cluster().label() + ":",
                    r.cluster().perSecond(), r.cluster().checkpointMillis(), r.cluster().checkpointBytes() / 1e6);
            System.out.printf("recovery from a killed TaskManager:    RUNNING after %.1f s, rows flowing after %.1f s, counts %s%n",
                    r.backToRunningSeconds(), r.flowingAgainSeconds(), r.exact() ? "exact" : "NOT EXACT");
            System.out.printf("cluster / MiniCluster: throughput ratio %.2f%n", r.ratio());
            return r.exact() ? 0 : 1;
        }
        if (what == What.search) {
            if (!Files.isRegularFile(corpus)) throw new IllegalArgumentException("no such corpus file: " + corpus);
            SearchBenchmark.Result r = new SearchBenchmark(corpus, count == null ? 1_000_000 : count, indexRefresh(), dir, System.out).run();
            System.out.printf("minimal documents (id, text; for scale):  %,10.0f documents/s%n", r.minimalPerSecond());
            System.out.printf("bare IndexWriter, same docs (baseline):   %,10.0f documents/s%n", r.barePerSecond());
            System.out.printf("indexer from earshot.mentions.enriched:   %,10.0f mentions/s   (%.1f µs of CPU each, the process's)%n",
                    r.indexedPerSecond(), r.indexerCpuMicros());
            System.out.printf("ratio index / bare:                       %10.2f   (target ≥ 0.70)%n", r.ratio());
            System.out.printf("queries with highlights and facets:       p50 %.1f ms, p99 %.1f ms over %,d documents (targets < 20 and < 100 ms)%n",
                    r.p50Millis(), r.p99Millis(), r.documents());
            System.out.printf("size on disk:                             %,10.0f MB per million mentions%n", r.bytesPerMillion() / 1e6);
            return 0;
        }
        if (what == What.dashboards) {
            DashboardsBenchmark.Result r = new DashboardsBenchmark(dir, count == null ? 10_000_000 : count, 20, 50, System.out).run();
            System.out.printf("overview endpoints through the server:   p50 %,8.1f ms   p99 %,8.1f ms   (20 clients, %,d requests; target p99 < 300 ms)%n",
                    r.serverP50(), r.serverP99(), r.serverMillis().length);
            System.out.printf("the same queries straight to ClickHouse: p50 %,8.1f ms   p99 %,8.1f ms   (baseline)%n", r.directP50(), r.directP99());
            System.out.printf("ratio server / direct:                   p50 %8.2f      p99 %8.2f%n", r.serverP50() / r.directP50(),
                    r.serverP99() / r.directP99());
            System.out.printf("through the server, answers kept 10 s:   p50 %,8.1f ms   p99 %,8.1f ms   (%,d of %,d answers computed, the rest shared)%n",
                    r.keptP50(), r.keptP99(), r.keptComputed(), r.keptMillis().length);
            System.out.printf("ratio kept / direct:                     p50 %8.2f      p99 %8.2f%n", r.keptP50() / r.directP50(),
                    r.keptP99() / r.directP99());
            return 0;
        }
        if (what == What.alerts) {
            Duration interval = Durations.parse("--checkpoint-interval", checkpointInterval);
            AlertsBenchmark.Result r = new AlertsBenchmark(dir, rate, subscriptions, Durations.parse("--for", measured), Duration.ofSeconds(20), interval,
                    Durations.parse("--gather", gather), System.out).run();
            System.out.printf("mention → every-match webhook:           p50 %,8.0f ms   p99 %,8.0f ms   (%,d mentions; target p99 < 2,000 ms)%n",
                    r.alertP50(), r.alertP99(), r.alertMillis().length);
            System.out.printf("mention → earshot.mentions.enriched:     p50 %,8.0f ms   p99 %,8.0f ms   (baseline, %,d mentions)%n",
                    r.enrichedP50(), r.enrichedP99(), r.enrichedMillis().length);
            System.out.printf("ratio webhook / enriched:                p50 %8.2f      p99 %8.2f%n", r.alertP50() / r.enrichedP50(), r.alertP99() / r.enrichedP99());
            System.out.printf("notifications: %,d, repeats dropped by id: %,d, bad signatures: %,d (%,.0f mentions/s, %,d subscriptions, checkpoints every %s)%n",
                    r.notifications(), r.repeats(), r.badSignatures(), rate, subscriptions, checkpointInterval);
            return 0;
        }
        if (what == What.state) {
            StateBenchmark.Result[] r = new StateBenchmark(dir, count == null ? 1_000_000 : count, System.out).run();
            double perMillion = 1e6 / r[0].mentions();
            for (StateBenchmark.Result one : r) {
                System.out.printf("%-24s per million mentions: checkpoint %,8.1f MB, next checkpoint %,6.2f MB, heap after GC %+,7.0f MB%n",
                        one.backend(), one.checkpointBytes() * perMillion / 1e6, one.nextUploadBytes() * perMillion / 1e6, one.heapBytes() * perMillion / 1e6);
            }
            System.out.printf("ratio rocksdb / hashmap: checkpoint %.2f, next checkpoint %.2f%n", (double) r[1].checkpointBytes() / r[0].checkpointBytes(),
                    (double) r[1].nextUploadBytes() / Math.max(1, r[0].nextUploadBytes()));
            return 0;
        }
        if (what == What.reports) {
            ReportsBenchmark.Result r = new ReportsBenchmark(dir, count == null ? 1_000_000 : count, System.out).run();
            System.out.printf("30-day PDF, a project of 5 rules:        %8.2f s   (%,d bytes; target < 3 s; median of 3)%n", r.pdfSeconds(), r.pdfBytes());
            System.out.printf("its numbers alone (the views' queries):  %8.2f s   ratio PDF / numbers %.1f%n", r.numbersSeconds(),
                    r.pdfSeconds() / r.numbersSeconds());
            System.out.printf("XLSX of all %,d mentions:          %8.2f s   (%,d bytes, %,.0f mentions/s)%n", r.rows(), r.xlsxSeconds(), r.xlsxBytes(),
                    r.rows() / r.xlsxSeconds());
            System.out.printf("the same rows streamed, not written:     %8.2f s   ratio XLSX / stream %.1f%n", r.streamSeconds(),
                    r.xlsxSeconds() / r.streamSeconds());
            System.out.printf("heap in use at its peak (garbage too):   %,8.0f MB for all of them, %,.0f MB for a tenth, %,.0f MB before%n",
                    r.xlsxPeakHeap() / 1e6, r.tenthPeakHeap() / 1e6, r.idleHeap() / 1e6);
            return 0;
        }
        if (what == What.clickhouse) {
            ClickHouseBenchmark.Result r = new ClickHouseBenchmark(dir, count == null ? 1_000_000 : count, batchRows, System.out).run();
            System.out.printf("raw driver (baseline):                   %,10.0f rows/s%n", r.driverRowsPerSecond());
            System.out.printf("exactly-once sink (Flink job):           %,10.0f rows/s   (target ≥ 200,000 rows/s)%n", r.sinkRowsPerSecond());
            System.out.printf("ratio sink / raw driver:                 %10.2f   (target ≥ 0.80)%n", r.ratio());
            System.out.printf("GROUP BY rule × hour, median of 5:       %10.0f ms      (target < 200 ms)%n", r.groupByMillis());
            return 0;
        }
        if (!Files.isRegularFile(corpus)) throw new IllegalArgumentException("no such corpus file: " + corpus);
        if (what == What.soak) {
            SoakBenchmark soak = new SoakBenchmark(dir, Durations.parse("--for", measured), rate, rules, corpus,
                    LocalRunOptions.parse("--checkpoint-interval", checkpointInterval), Durations.parse("--dedup-ttl", dedupTtl), indexRefresh(),
                    StateKeys.BACKEND.type().read("--state", state), report != null ? report : dir.resolve(BenchFolder.SOAK_REPORT), System.out);
            SoakBenchmark.Result r = soak.run();
            soak.summary(r).forEach(System.out::println);
            System.out.println("the report: " + r.report().resolve("soak.html"));
            return 0;
        }
        if (!(stampRate > 0)) throw new IllegalArgumentException("--stamp-rate must be a positive number of mentions a second, not " + stampRate);
        IngestBenchmark.Result r = new IngestBenchmark(dir, count == null ? 500_000 : count,
                warmUp == null ? IngestBenchmark.WARM_UP : warmUp, parallelism,
                LocalRunOptions.parse("--checkpoint-interval", checkpointInterval), corpus, rules, sampler(), stampRate, System.out).run();
        IngestBenchmark.Run base = r.parseAndDedup();
        IngestBenchmark.Run full = r.everyStage();
        System.out.printf("CPU per mention: %,.0f µs with every stage, %,.0f µs for parse and dedup alone (target: about 130 µs for everything)%n",
                full.cpuMicros(), base.cpuMicros());
        System.out.printf("parse and dedup alone: %,.0f mentions/s%n", base.perSecond());
        System.out.printf("every stage: %,.0f mentions/s end to end, ratio %.2f to parse and dedup alone%n",
                full.perSecond(), r.ratio());
        return 0;
    }

    private Sampler sampler() {
        return switch (sampler) {
            case "jfr" -> Sampler.JFR;
            case "async" -> Sampler.ASYNC;
            default -> throw new IllegalArgumentException("--sampler is jfr or async, not '" + sampler + "'");
        };
    }
}
