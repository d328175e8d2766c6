package org.earshot.jobs.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a job's CPU goes, per mention and per stage, while everything (MiniCluster, broker, ClickHouse) runs in this
 * JVM. Each Java thread's CPU time over the window (its own clock, {@link ThreadMXBean}) is split among the stages its
 * execution samples ({@link Sampler}: JFR's or async-profiler's) were in, by the innermost frame that names a stage: a
 * HashMap lookup inside the dedup function is dedup's, a serializer called between two operators is the network's. What no living Java thread spent (garbage
 * collection, the JIT compiler, ClickHouse's own native threads, threads that ended inside the window) is the
 * process's CPU less theirs; of that, the GC's and the JIT compilers' threads are told apart by Linux's clocks for
 * each thread ({@link NativeThreadCpu}).
 */
final class StageProfile {
    /** What a sample is charged to, in the order the table prints them. */
    enum Stage {
        SOURCE("Kafka source (fetch, deserialize)"),
        PARSE("parse and validate"),
        DEDUP("dedup (id, URL, text)"),
        NORMALIZE("normalize"),
        LANGUAGE("language"),
        TOKENS("tokenize for the models"),
        SENTIMENT("sentiment"),
        EMOTION("emotion"),
        ENRICH("enrich, other"),
        MATCHING("match 10,000 rules"),
        WINDOWS("windows (rule minutes, terms)"),
        KAFKA_SINK("Kafka sinks (enriched, dead letters)"),
        CLICKHOUSE_SINK("ClickHouse sinks (client side)"),
        NETWORK("between operators (serialize, network)"),
        CHECKPOINTS("checkpoints (state snapshots)"),
        FLINK("Flink runtime (mailbox, timers, checkpoints)"),
        BROKER("Kafka broker"),
        CLICKHOUSE_SERVER("ClickHouse server (HTTP front, engine calls)"),
        BENCH("the bench's own polling"),
        OTHER("other Java"),
        UNSAMPLED("Java threads, native or unsampled"),
        GC("garbage collection (GC threads, VM thread)"),
        JIT("JIT compilers"),
        JVM("native (ClickHouse), ended threads, other JVM");

        final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    /**
     * The figures of one window: CPU per stage in nanoseconds, the process's CPU in all, and the bytes the Java threads
     * living at its end allocated in it (a steadier figure than CPU on a noisy machine: a cut in garbage shows here
     * when the collector's share of the CPU is within the noise).
     */
    record Figures(Map<Stage, Long> cpuNanos, long processCpuNanos, long samples, long allocatedBytes) {
        /** µs of CPU per mention for {@code stage}. */
        double micros(Stage stage, long mentions) {
            return cpuNanos.getOrDefault(stage, 0L) / 1e3 / mentions;
        }

        double totalMicros(long mentions) {
            return processCpuNanos / 1e3 / mentions;
        }

        void print(PrintStream out, String title, long mentions) {
            out.printf("%s: CPU per mention by stage (%,d samples)%n", title, samples);
            for (Stage s : Stage.values()) {
                double us = micros(s, mentions);
                if (us >= 0.05) out.printf("  %-46s %8.1f µs  %5.1f %%%n", s.label, us, 100.0 * cpuNanos.getOrDefault(s, 0L) / processCpuNanos);
            }
            out.printf("  %-46s %8.1f µs%n", "all (the process's CPU)", totalMicros(mentions));
            out.printf("  %-46s %8.1f KB%n", "allocated a mention (Java threads)", allocatedBytes / 1e3 / mentions);
        }
    }

    /** HotSpot's view of the threads, which reads a counter of every thread in one call. */
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** Innermost-first: the first frame whose class starts with one of these names the stage. */
    private static final List<Map.Entry<String, Stage>> BY_CLASS = List.of(
            Map.entry("org.earshot.pipeline.nlp.LanguageDetection", Stage.LANGUAGE),
            Map.entry("org.earshot.pipeline.nlp.TellingWords", Stage.LANGUAGE),
            Map.entry("org.earshot.pipeline.nlp.EnrichFunction", Stage.ENRICH),
            Map.entry("org.earshot.pipeline.validate.", Stage.PARSE),
            Map.entry("org.earshot.pipeline.dedup.", Stage.DEDUP),
            Map.entry("org.earshot.pipeline.text.", Stage.NORMALIZE),
            Map.entry("org.earshot.pipeline.matching.", Stage.MATCHING),
            Map.entry("org.earshot.pipeline.aggregate.", Stage.WINDOWS),
            Map.entry("org.apache.flink.streaming.runtime.operators.windowing.", Stage.WINDOWS),
            Map.entry("org.earshot.pipeline.clickhouse.", Stage.CLICKHOUSE_SINK),
            Map.entry("com.clickhouse.", Stage.CLICKHOUSE_SINK),
            Map.entry("org.apache.flink.connector.kafka.sink.", Stage.KAFKA_SINK),
            Map.entry("org.apache.kafka.clients.producer.", Stage.KAFKA_SINK),
            Map.entry("org.earshot.pipeline.kafka.EnrichedRecord", Stage.KAFKA_SINK),
            Map.entry("org.apache.flink.connector.kafka.source.", Stage.SOURCE),
            Map.entry("org.apache.flink.connector.base.source.", Stage.SOURCE),
            Map.entry("org.apache.kafka.clients.consumer.", Stage.SOURCE),
            Map.entry("org.earshot.pipeline.kafka.RawRecord", Stage.SOURCE),
            Map.entry("org.apache.flink.runtime.io.network.", Stage.NETWORK),
            Map.entry("org.apache.flink.streaming.runtime.io.", Stage.NETWORK),
            Map.entry("org.apache.flink.api.common.typeutils.", Stage.NETWORK),
            Map.entry("org.apache.flink.api.java.typeutils.", Stage.NETWORK),
            Map.entry("org.apache.flink.core.memory.", Stage.NETWORK),
            Map.entry("org.earshot.pipeline.types.", Stage.NETWORK),
            Map.entry("org.earshot.jobs.bench.", Stage.BENCH),
            Map.entry("org.earshot.jobs.local.LiveView", Stage.BENCH));
    /** The Listen job's reader, whose methods name the model they run. */
    private static final String POST_READER = "org.earshot.pipeline.nlp.PostReader";
    /** Frames of the broker's and the ClickHouse server's threads, wherever they are on the stack. */
    private static final List<String> BROKER = List.of("kafka.", "org.apache.kafka.server.", "org.apache.kafka.storage.",
            "org.apache.kafka.raft.", "org.apache.kafka.controller.", "org.apache.kafka.coordinator.", "org.apache.kafka.network.",
            "org.apache.kafka.metadata.", "org.apache.kafka.image.");
    private static final List<String> CLICKHOUSE_SERVER = List.of("org.earshot.local.clickhouse.", "org.eclipse.jetty.");
    /** Frames of a checkpoint's snapshot, which serializes state with the same serializers records use. */
    private static final List<String> CHECKPOINTS = List.of("org.apache.flink.runtime.state.AsyncSnapshotCallable",
            "org.apache.flink.runtime.state.SnapshotStrategyRunner", "org.apache.flink.runtime.checkpoint.");

    private final Path jfr;
    private final Map<Long, Long> threadCpuAtStart;
    private final Map<Long, Long> allocatedAtStart;
    private final long processCpuAtStart;
    private final Map<NativeThreadCpu.Kind, Long> nativeCpuAtStart;
    private final Sampler.Running sampling;

    private StageProfile(Sampler sampler, Path jfr) throws IOException {
        this.jfr = jfr;
        threadCpuAtStart = threadCpu();
        allocatedAtStart = allocated();
        processCpuAtStart = OS.getProcessCpuTime();
        nativeCpuAtStart = NativeThreadCpu.now();
        sampling = sampler.start(jfr);
    }

    /** Starts sampling into {@code jfr} every 10 ms with {@code sampler}, and reading the CPU clocks. */
    static StageProfile start(Sampler sampler, Path jfr) throws IOException {
        return new StageProfile(sampler, jfr);
    }

    /** Stops, leaves the samples in the recording and charges the window's CPU to the stages. */
    Figures stop() throws IOException {
        long processCpu = OS.getProcessCpuTime() - processCpuAtStart;
        Map<Long, Long> threadCpu = threadCpu();
        long allocated = 0;
        for (Map.Entry<Long, Long> t : allocated().entrySet()) allocated += t.getValue() - allocatedAtStart.getOrDefault(t.getKey(), 0L);
        Map<NativeThreadCpu.Kind, Long> nativeCpu = NativeThreadCpu.now();
        sampling.stop();

        Map<Long, Map<Stage, Integer>> samplesByThread = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) continue;
                if (e.getThread("sampledThread") == null) continue; // a native thread (async-profiler): its CPU is read apart
                long thread = e.getThread("sampledThread").getJavaThreadId();
                samplesByThread.computeIfAbsent(thread, t -> new EnumMap<>(Stage.class))
                        .merge(stageOf(e.getStackTrace().getFrames()), 1, Integer::sum);
                samples++;
            }
        }
        Map<Stage, Long> cpu = new EnumMap<>(Stage.class);
        long javaCpu = 0;
        for (Map.Entry<Long, Long> t : threadCpu.entrySet()) {
            long spent = t.getValue() - threadCpuAtStart.getOrDefault(t.getKey(), 0L);
            if (spent <= 0) continue;
            javaCpu += spent;
            Map<Stage, Integer> byStage = samplesByThread.get(t.getKey());
            if (byStage == null) {
                cpu.merge(Stage.UNSAMPLED, spent, Long::sum);
                continue;
            }
            int total = byStage.values().stream().mapToInt(Integer::intValue).sum();
            byStage.forEach((stage, n) -> cpu.merge(stage, spent * n / total, Long::sum));
        }
        // What Java's clocks did not see, split by the native threads' own clocks (coarser: 10 ms ticks).
        long unseen = Math.max(0, processCpu - javaCpu);
        long gc = Math.min(unseen, spent(nativeCpu, NativeThreadCpu.Kind.GC));
        long jit = Math.min(unseen - gc, spent(nativeCpu, NativeThreadCpu.Kind.JIT));
        cpu.put(Stage.GC, gc);
        cpu.put(Stage.JIT, jit);
        cpu.put(Stage.JVM, unseen - gc - jit);
        return new Figures(cpu, processCpu, samples, allocated);
    }

    private long spent(Map<NativeThreadCpu.Kind, Long> now, NativeThreadCpu.Kind kind) {
        return Math.max(0, now.getOrDefault(kind, 0L) - nativeCpuAtStart.getOrDefault(kind, 0L));
    }

    static Stage stageOf(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = typeOf(f);
            if (startsWithAny(type, BROKER)) return Stage.BROKER;
            if (startsWithAny(type, CLICKHOUSE_SERVER)) return Stage.CLICKHOUSE_SERVER;
            if (startsWithAny(type, CHECKPOINTS)) return Stage.CHECKPOINTS;
        }
        for (RecordedFrame f : frames) { // top (innermost) first
            String type = typeOf(f);
            if (type.equals(POST_READER)) {
                switch (f.getMethod().getName()) {
                    case "language": return Stage.LANGUAGE;
                    case "tokens": return Stage.TOKENS;
                    case "sentiment": return Stage.SENTIMENT;
                    case "emotion": return Stage.EMOTION;
                    default: return Stage.ENRICH;
                }
            }
            for (Map.Entry<String, Stage> rule : BY_CLASS) if (type.startsWith(rule.getKey())) return rule.getValue();
        }
        for (RecordedFrame f : frames) {
            if (typeOf(f).startsWith("org.apache.flink.")) return Stage.FLINK;
        }
        return Stage.OTHER;
    }

    /** The class of a frame's method; async-profiler's native frames have none. */
    private static String typeOf(RecordedFrame f) {
        return f.getMethod() == null || f.getMethod().getType() == null ? "" : f.getMethod().getType().getName();
    }

    private static boolean startsWithAny(String type, List<String> prefixes) {
        for (String p : prefixes) if (type.startsWith(p)) return true;
        return false;
    }

    /** Each living Java thread's bytes allocated so far (HotSpot counts them per thread, as its TLABs fill). */
    private static Map<Long, Long> allocated() {
        return byThread(THREADS::getThreadAllocatedBytes);
    }

    private static Map<Long, Long> threadCpu() {
        return byThread(THREADS::getThreadCpuTime);
    }

    /** A counter of every living Java thread by its id, {@code read} for all at once; one that ended (-1) is left out. */
    private static Map<Long, Long> byThread(UnaryOperator<long[]> read) {
        long[] ids = THREADS.getAllThreadIds();
        long[] values = read.apply(ids);
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) if (values[i] >= 0) byThread.put(ids[i], values[i]);
        return byThread;
    }
}
