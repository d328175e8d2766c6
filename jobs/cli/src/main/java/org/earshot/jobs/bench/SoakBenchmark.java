package org.earshot.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.earshot.jobs.JobState;
import org.earshot.jobs.ListenJob;
import org.earshot.jobs.ListenOptions;
import org.earshot.jobs.Migrations;
import org.earshot.jobs.local.LiveView;
import org.earshot.jobs.local.LocalFlink;
import org.earshot.jobs.settings.IndexKeys;
import org.earshot.jobs.settings.StateKeys;
import org.earshot.local.clickhouse.ChdbEngine;
import org.earshot.local.clickhouse.http.ClickHouseHttpServer;
import org.earshot.local.clickhouse.http.FrontOptions;
import org.earshot.local.demo.DemoMentions;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.jobs.demo.DemoAlerts;
import org.earshot.pipeline.alerts.AlertsOptions;
import org.earshot.pipeline.alerts.SubscriptionCheck;
import org.earshot.pipeline.kafka.CompactedTopic;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.search.MentionIndex;
import org.earshot.pipeline.search.MentionIndexer;
import org.earshot.schemas.Subscription;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The whole local pipeline held at a steady rate for a long time: demo mentions stamped with the moment they are
 * sent, at {@code rate} a second, through the Listen job with N live rules into ClickHouse, the search index fed from
 * the enriched topic as the demo feeds it, and the demo's alerts (a volume spike and a sentiment shift on Aurora, and
 * every match of Aurora) delivered to a webhook receiver that checks each signature. Every few seconds it samples
 * what a week-long run would go wrong on: throughput, the backlog (sent but not yet read by the job), the latency
 * from a mention's stamp to its row in ClickHouse (the server's {@code ingested_at}), the search index's backlog, the
 * notifications received, the heap after the last collection, the process's resident memory and the newest
 * checkpoint's size; then writes them as a CSV, one PNG chart each and an HTML page that shows them.
 */
public final class SoakBenchmark {
    /**
     * One sample; times in seconds since the start, sizes in bytes, latencies in milliseconds (NaN when no row came).
     * Besides the resident set, what the parts that share the process hold, so that growth in it can be placed: the
     * heap the JVM has committed, the JVM's other memory it accounts for (metaspace, code cache, direct buffers), the
     * files it has mapped (the search index's, whose pages the kernel keeps resident only as they are read: address
     * space, not resident memory, and growing with the index by design) and ClickHouse's own tally of what its engine
     * holds (caches, merges, parts in memory). The search index's backlog is what the job enriched and the index has
     * not taken in yet (it reads only what a checkpoint committed).
     */
    public record Sample(double seconds, long sent, long read, double perSecond, long backlog, double p50Millis, double p99Millis,
                         long heapAfterGc, long rss, long checkpointBytes, long heapCommitted, long jvmOutsideHeap, long mappedFiles, long clickhouseBytes,
                         long indexed, long indexBacklog, long notifications, long badSignatures) {}

    /** Each thread name's share of the CPU, in the report's folder. */
    static final String CPU_BY_THREAD = "cpu-by-thread.csv";

    /** The charts, in the report's order. */
    static final List<String> CHARTS = List.of("throughput", "backlog", "latency-p50", "latency-p99", "index-backlog", "notifications", "heap", "rss",
            "checkpoint");

    /** How many of the busiest thread names the summary shows; cpu-by-thread.csv has them all. */
    static final int BUSIEST = 8;

    /**
     * The samples, the report's folder, and each thread name's share of the process's CPU from the sender's start to
     * the last sample (largest first).
     */
    public record Result(List<Sample> samples, Path report, Map<String, Double> cpuByThread) {
        /** The mean of {@code metric} over the samples of the given quarter (0 to 3) of the run. */
        public double quarter(int q, ToDoubleFunction<Sample> metric) {
            int n = samples.size();
            return samples.subList(q * n / 4, Math.max(q * n / 4 + 1, (q + 1) * n / 4)).stream().mapToDouble(metric)
                    .filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
        }

        /** How fast a running count grew from the end of the first quarter (warm-up behind) to the last sample. */
        public double rateAfterFirstQuarter(ToLongFunction<Sample> count) {
            Sample from = samples.get(samples.size() / 4);
            Sample to = samples.get(samples.size() - 1);
            return to.seconds() > from.seconds() ? (count.applyAsLong(to) - count.applyAsLong(from)) / (to.seconds() - from.seconds()) : Double.NaN;
        }

        public double median(ToDoubleFunction<Sample> metric) {
            double[] values = samples.stream().mapToDouble(metric).filter(v -> !Double.isNaN(v)).sorted().toArray();
            return values.length == 0 ? Double.NaN : values[values.length / 2];
        }

        public double max(ToDoubleFunction<Sample> metric) {
            return samples.stream().mapToDouble(metric).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
        }
    }

    private final Path dir;
    private final Duration length;
    private final double rate;
    private final int ruleCount;
    private final Path corpus;
    private final Duration checkpointInterval;
    private final Duration dedupTtl;
    private final Duration indexRefresh;
    private final StateKeys.Backend backend;
    private final Path report;
    private final PrintStream out;

    public SoakBenchmark(Path dir, Duration length, double rate, int ruleCount, Path corpus, Duration checkpointInterval,
                         Duration dedupTtl, Duration indexRefresh, StateKeys.Backend backend, Path report, PrintStream out) {
        this.dir = dir;
        this.length = length;
        this.rate = rate;
        this.ruleCount = ruleCount;
        this.corpus = corpus;
        this.checkpointInterval = checkpointInterval;
        this.dedupTtl = dedupTtl;
        this.indexRefresh = indexRefresh;
        this.backend = backend;
        this.report = report;
        this.out = out;
    }

    public Result run() throws Exception {
        // A JFR recording taken during the soak (jcmd <pid> JFR.start) would otherwise be this JVM's first, and
        // deoptimize every compiled method mid-run (see Sampler.JFR).
        Sampler.JFR.prepare();
        String password = UUID.randomUUID().toString();
        Path checkpoints = dir.resolve("checkpoints");
        Files.createDirectories(report);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             ChdbEngine engine = ChdbEngine.open(dir.resolve("clickhouse"));
             ClickHouseHttpServer server = ClickHouseHttpServer.start(engine, FrontOptions.loopback(0, password));
             MentionIndex index = MentionIndex.open(dir.resolve("index"))) {
            KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), kafka.clientProperties());
            TopicAdmin.ensureTopics(settings, 1, Topics.all());
            ClickHouseSinkOptions clickhouse = ClickHouseSinkOptions.of(server.jdbcUrl(), password);
            Migrations.apply(clickhouse);
            LiveRules.put(settings, corpus, ruleCount, out);
            try (DemoAlerts alerts = alerts(settings);
                 MentionIndexer indexer = new MentionIndexer(settings, index, indexRefresh, IndexKeys.COMMIT_INTERVAL.defaultValue(),
                         IndexKeys.RETENTION.defaultValue()).start()) {
                return run(settings, clickhouse, checkpoints, new Watched(alerts, indexer));
            }
        }
    }

    /** The parts beside the Listen job that the samples read. */
    private record Watched(DemoAlerts alerts, MentionIndexer indexer) {}

    /** The demo's receiver, in the report's folder (its log of every notification stays with the report), and its subscriptions. */
    private DemoAlerts alerts(KafkaSettings settings) throws IOException {
        CompactedTopic<Subscription> subscriptions = new CompactedTopic<>(settings, Topics.SUBSCRIPTIONS);
        DemoAlerts alerts = DemoAlerts.start(subscriptions, report, SubscriptionCheck.newSecret());
        alerts.subscribeEveryMatch(subscriptions, "aurora");
        return alerts;
    }

    /** The Listen job on the started services, held at the rate and sampled until the soak's time is up. */
    private Result run(KafkaSettings settings, ClickHouseSinkOptions clickhouse, Path checkpoints, Watched watched) throws Exception {
        ListenOptions options = new ListenOptions(settings, "earshot-soak", checkpointInterval, dedupTtl, 100_000, Duration.ofSeconds(30))
                .withClickHouse(clickhouse).withAlerts(AlertsOptions.defaults());
        StreamExecutionEnvironment env = LocalFlink.environment(checkpoints, checkpointInterval, 1, true, JobState.backend(backend, true));
        ListenJob.attach(env, options);
        JobClient job = env.executeAsync("earshot-soak");
        Sender sender = new Sender(settings, rate);
        try {
            IngestBenchmark.awaitRunning(job);
            LiveView view = new LiveView(job, () -> -1, out);
            Duration step = Duration.ofMillis(Math.max(1_000, Math.min(10_000, length.toMillis() / 120)));
            out.printf("soak: %,.0f mentions/s for %s, %s state, a sample every %d s; the report goes to %s%n", rate, length, StateKeys.BACKEND.type().write(backend), step.toSeconds(), report);
            CpuByThread cpu = new CpuByThread();
            cpu.read();
            sender.start();
            List<Sample> samples = sample(view, sender, watched, clickhouse, checkpoints, step, job, cpu);
            Result result = new Result(samples, report, cpu.shares());
            write(result);
            return result;
        } finally {
            sender.interrupt();
            sender.join();
            LocalFlink.cancel(job, Duration.ofSeconds(60));
        }
    }

    private List<Sample> sample(LiveView view, Sender sender, Watched watched, ClickHouseSinkOptions clickhouse, Path checkpoints, Duration step,
                                JobClient job, CpuByThread cpu)
            throws Exception {
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long lastRead = 0;
        long lastAt = start;
        long since = System.currentTimeMillis();
        while (System.nanoTime() < end) {
            Thread.sleep(step.toMillis());
            if (job.getJobStatus().get().isGloballyTerminalState()) throw new IllegalStateException("the Listen job ended: " + job.getJobStatus().get());
            long now = System.nanoTime();
            LiveView.Counts counts = view.counts();
            long read = counts.in();
            long indexed = watched.indexer().applied();
            long sent = sender.sent.get();
            long wall = System.currentTimeMillis();
            double[] latency;
            long clickhouseBytes;
            try (Connection c = clickhouse.connect()) {
                latency = latency(c, since);
                clickhouseBytes = clickhouseMemory(c);
            }
            since = wall;
            Sample s = new Sample((now - start) / 1e9, sent, read, (read - lastRead) / ((now - lastAt) / 1e9), sent - read, latency[0], latency[1],
                    heapAfterGc(), rss(), LocalFlink.latestCheckpoint(checkpoints).map(SoakBenchmark::checkpointSize).orElse(0L),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted(), jvmOutsideHeap(), bufferPool("mapped"), clickhouseBytes,
                    indexed, Math.max(0, counts.enriched() - indexed), watched.alerts().received(), watched.alerts().badSignatures());
            samples.add(s);
            cpu.read();
            lastRead = read;
            lastAt = now;
            out.printf("%6.0f s  sent %,d  read %,d (%,.0f/s)  backlog %,d  to ClickHouse p50 %,.0f ms p99 %,.0f ms  indexed %,d (backlog %,d)  "
                            + "notifications %,d  heap after GC %,.0f MB  RSS %,.0f MB (heap committed %,.0f, JVM outside the heap %,.0f, ClickHouse %,.0f; files mapped %,.0f)  "
                            + "checkpoint %,.1f MB%n",
                    s.seconds(), s.sent(), s.read(), s.perSecond(), s.backlog(), s.p50Millis(), s.p99Millis(), s.indexed(), s.indexBacklog(),
                    s.notifications(), s.heapAfterGc() / 1e6, s.rss() / 1e6, s.heapCommitted() / 1e6, s.jvmOutsideHeap() / 1e6,
                    s.clickhouseBytes() / 1e6, s.mappedFiles() / 1e6, s.checkpointBytes() / 1e6);
        }
        return samples;
    }

    /** p50 and p99 of stamp-to-row latency over the rows ClickHouse took in since {@code sinceMillis}. */
    private static double[] latency(Connection c, long sinceMillis) throws SQLException {
        String sql = "SELECT quantileExact(0.5)(dateDiff('millisecond', published_at, ingested_at)), "
                + "quantileExact(0.99)(dateDiff('millisecond', published_at, ingested_at)), count() "
                + "FROM mentions WHERE ingested_at > fromUnixTimestamp64Milli(?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, sinceMillis);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(3) == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {rs.getDouble(1), rs.getDouble(2)};
            }
        }
    }

    /** What ClickHouse's memory tracker counts for the whole engine (it runs in this process). */
    private static long clickhouseMemory(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM system.metrics WHERE metric = 'MemoryTracking'");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** Sends demo mentions at the rate, each stamped with the moment it is sent. */
    private static final class Sender extends Thread {
        final AtomicLong sent = new AtomicLong();
        private final KafkaSettings settings;
        private final double rate;

        Sender(KafkaSettings settings, double rate) {
            super("soak-sender");
            setDaemon(true);
            this.settings = settings;
            this.rate = rate;
        }

        @Override
        public void run() {
            DemoMentions demo = DemoMentions.live();
            Properties props = settings.toProperties();
            props.setProperty("linger.ms", "5");
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                long start = System.nanoTime();
                while (!isInterrupted()) {
                    long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                    for (long i = sent.get(); i < due; i++) {
                        Mention m = demo.mention(i);
                        m.publishedAt = Instant.now();
                        producer.send(new ProducerRecord<>(Topics.MENTIONS.name(), m.id.getBytes(StandardCharsets.UTF_8), Json.toBytes(m)));
                        sent.incrementAndGet();
                    }
                    Thread.sleep(5);
                }
            } catch (InterruptedException | InterruptException e) {
                // stopped, perhaps while the producer waited for buffer space (a backlog the job never caught up on)
            }
        }
    }

    /** The heap in use after each pool's last collection: what the live data takes, garbage aside. */
    private static long heapAfterGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (after != null) used += after.getUsed();
        }
        return used;
    }

    /**
     * The JVM's committed memory outside the heap (metaspace, code cache, class space) and its direct buffers. Mapped
     * files are apart: counted in here, they made this look like a leak the size of the search index.
     */
    private static long jvmOutsideHeap() {
        return ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted() + bufferPool("direct");
    }

    /** What the JVM's buffer pool of that name ({@code direct}, {@code mapped}) holds, in bytes. */
    private static long bufferPool(String name) {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream().filter(pool -> pool.getName().equals(name))
                .mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    /** The process's resident set (Linux), or -1 where it cannot be read. */
    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    /**
     * The newest checkpoint's own files and the shared ones incremental checkpoints refer to (RocksDB's uploaded SST
     * files, kept while the two retained checkpoints need them): what a restore may read.
     */
    private static long checkpointSize(Path checkpoint) {
        Path shared = checkpoint.getParent().resolve("shared");
        return sizeOf(checkpoint) + (Files.isDirectory(shared) ? sizeOf(shared) : 0);
    }

    private static long sizeOf(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // removed while we walked: Flink keeps only the newest checkpoint
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** soak.csv, a PNG chart per measure, and soak.html showing them with the run's figures. */
    private void write(Result r) throws IOException {
        Files.createDirectories(report);
        StringBuilder csv = new StringBuilder("seconds,sent,read,per_second,backlog,p50_ms,p99_ms,heap_after_gc_bytes,rss_bytes,checkpoint_bytes,"
                + "heap_committed_bytes,jvm_outside_heap_bytes,mapped_files_bytes,clickhouse_bytes,indexed,index_backlog,notifications,bad_signatures\n");
        for (Sample s : r.samples()) {
            csv.append(String.format(java.util.Locale.ROOT, "%.1f,%d,%d,%.1f,%d,%.0f,%.0f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d%n", s.seconds(), s.sent(),
                    s.read(), s.perSecond(), s.backlog(), s.p50Millis(), s.p99Millis(), s.heapAfterGc(), s.rss(), s.checkpointBytes(),
                    s.heapCommitted(), s.jvmOutsideHeap(), s.mappedFiles(), s.clickhouseBytes(), s.indexed(), s.indexBacklog(), s.notifications(), s.badSignatures()));
        }
        Files.writeString(report.resolve("soak.csv"), csv);
        StringBuilder threads = new StringBuilder("thread,cpu_share\n");
        r.cpuByThread().forEach((name, share) -> threads.append(String.format(java.util.Locale.ROOT, "\"%s\",%.4f%n", name.replace("\"", "\"\""), share)));
        Files.writeString(report.resolve(CPU_BY_THREAD), threads);
        chart(r, "throughput", "mentions/s read", Sample::perSecond);
        chart(r, "backlog", "mentions sent, not yet read", s -> s.backlog());
        chart(r, "latency-p50", "ms from stamp to ClickHouse, p50", Sample::p50Millis);
        chart(r, "latency-p99", "ms from stamp to ClickHouse, p99", Sample::p99Millis);
        chart(r, "index-backlog", "mentions enriched, not yet in the search index", s -> s.indexBacklog());
        chart(r, "notifications", "alert notifications received", s -> s.notifications());
        chart(r, "heap", "MB of heap after GC", megabytes(Sample::heapAfterGc));
        Map<String, ToDoubleFunction<Sample>> memory = new LinkedHashMap<>();
        memory.put("resident", megabytes(Sample::rss));
        memory.put("heap committed", megabytes(Sample::heapCommitted));
        memory.put("ClickHouse", megabytes(Sample::clickhouseBytes));
        memory.put("JVM outside the heap", megabytes(Sample::jvmOutsideHeap));
        memory.put("files mapped (not all resident)", megabytes(Sample::mappedFiles));
        chart(r, "rss", "MB resident, and what the parts hold", memory);
        chart(r, "checkpoint", "MB in the newest checkpoint", megabytes(Sample::checkpointBytes));
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Earshot soak</title>"
                + "<style>body{font-family:sans-serif;margin:2em}img{width:480px;margin:4px;border:1px solid #ddd}</style></head><body>");
        html.append(String.format("<h1>Soak: %,.0f mentions/s for %s, %,d rules, %s state</h1><ul>", rate, length, ruleCount,
                StateKeys.BACKEND.type().write(backend)));
        for (String line : summary(r)) html.append("<li>").append(line.replace("&", "&amp;").replace("<", "&lt;")).append("</li>");
        html.append("</ul>");
        for (String name : CHARTS) {
            html.append("<img src=\"").append(name).append(".png\" alt=\"").append(name).append("\">");
        }
        html.append("<p>Every sample: <a href=\"soak.csv\">soak.csv</a>; the CPU of every thread name: <a href=\"")
                .append(CPU_BY_THREAD).append("\">").append(CPU_BY_THREAD).append("</a></p></body></html>");
        Files.writeString(report.resolve("soak.html"), html);
    }

    private void chart(Result r, String name, String title, ToDoubleFunction<Sample> metric) throws IOException {
        chart(r, name, title, Map.of(name, metric));
    }

    /** One PNG with a line per series (a legend when there are several); NaN samples are left out. */
    private void chart(Result r, String name, String title, Map<String, ToDoubleFunction<Sample>> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(360).title(title).xAxisTitle("minutes").build();
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS); // below the plot, clear of the lines
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisDecimalPattern("#,##0.#");
        for (Map.Entry<String, ToDoubleFunction<Sample>> line : series.entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (Sample s : r.samples()) {
                double v = line.getValue().applyAsDouble(s);
                if (Double.isNaN(v)) continue;
                x.add(s.seconds() / 60);
                y.add(v);
            }
            if (!x.isEmpty()) chart.addSeries(line.getKey(), x, y).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(chart, report.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static ToDoubleFunction<Sample> megabytes(ToLongFunction<Sample> bytes) {
        return s -> bytes.applyAsLong(s) / 1e6;
    }

    /** The run in a few lines: each measure early against late, so growth shows. */
    public List<String> summary(Result r) {
        ToDoubleFunction<Sample> heap = megabytes(Sample::heapAfterGc);
        ToDoubleFunction<Sample> checkpoint = megabytes(Sample::checkpointBytes);
        ToDoubleFunction<Sample> rss = megabytes(Sample::rss);
        ToDoubleFunction<Sample> committed = megabytes(Sample::heapCommitted);
        ToDoubleFunction<Sample> outside = megabytes(Sample::jvmOutsideHeap);
        ToDoubleFunction<Sample> engine = megabytes(Sample::clickhouseBytes);
        ToDoubleFunction<Sample> mapped = megabytes(Sample::mappedFiles);
        Sample last = r.samples().get(r.samples().size() - 1);
        return List.of(
                String.format("throughput after the first quarter: %,.0f mentions/s read, %,.0f sent", r.rateAfterFirstQuarter(Sample::read),
                        r.rateAfterFirstQuarter(Sample::sent)),
                String.format("backlog: %,.0f at most, %,d at the end", r.max(s -> s.backlog()), last.backlog()),
                String.format("stamp to ClickHouse: p50 %,.0f ms, p99 %,.0f ms (medians of samples), worst p99 %,.0f ms",
                        r.median(Sample::p50Millis), r.median(Sample::p99Millis), r.max(Sample::p99Millis)),
                String.format("heap after GC: %,.0f MB in the second quarter, %,.0f MB in the last", r.quarter(1, heap), r.quarter(3, heap)),
                String.format("resident memory: %,.0f MB in the second quarter, %,.0f MB in the last", r.quarter(1, rss), r.quarter(3, rss)),
                String.format("of it, heap committed: %,.0f and %,.0f MB; JVM outside the heap: %,.0f and %,.0f MB; ClickHouse: %,.0f and %,.0f MB",
                        r.quarter(1, committed), r.quarter(3, committed), r.quarter(1, outside), r.quarter(3, outside),
                        r.quarter(1, engine), r.quarter(3, engine)),
                String.format("files mapped (the search index; address space, resident only as read): %,.0f and %,.0f MB",
                        r.quarter(1, mapped), r.quarter(3, mapped)),
                String.format("newest checkpoint: %,.1f MB in the second quarter, %,.1f MB in the last (dedup TTL %s)", r.quarter(1, checkpoint),
                        r.quarter(3, checkpoint), dedupTtl),
                String.format("search index: %,d mentions taken in, backlog %,.0f at most, %,d at the end", last.indexed(),
                        r.max(s -> s.indexBacklog()), last.indexBacklog()),
                String.format("alerts: %,d notifications received, %,d with a bad signature (log: %s)", last.notifications(), last.badSignatures(),
                        report.resolve(DemoAlerts.LOG)),
                "CPU by thread (AsyncOperations: checkpoints' snapshots): " + r.cpuByThread().entrySet().stream().limit(BUSIEST)
                        .map(e -> String.format("%s %.1f %%", e.getKey(), 100 * e.getValue())).collect(Collectors.joining(", ")));
    }
}
