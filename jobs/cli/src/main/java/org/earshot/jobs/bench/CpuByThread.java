package org.earshot.jobs.bench;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a long run's CPU went, by thread name: Java's threads and the native ones alike (the collector, the JIT,
 * ClickHouse's pools), read from Linux's {@code /proc/self/task} by {@link NativeThreadCpu#eachThread}. Numbered
 * threads count together ("GC Thread#0" and "#1", "kafka-producer-network-thread-7"). Each thread counts from when
 * it was first read; one that ends between readings loses what it spent since the last. Elsewhere than Linux it
 * reads nothing. Not thread-safe.
 */
final class CpuByThread {
    /** Per thread id: its name, its ticks when first read, its ticks when last read. */
    private final Map<String, Spent> threads = new HashMap<>();

    private record Spent(String name, long first, long last) {}

    /** Reads every living thread's clock. Call it at the start and then often (every sample). */
    void read() {
        NativeThreadCpu.eachThread(t -> threads.merge(t.id(), new Spent(group(t.name()), t.ticks(), t.ticks()),
                (was, now) -> new Spent(was.name(), was.first(), now.last())));
    }

    /** Each name's share of all the CPU read so far, largest first; empty if nothing was spent. */
    Map<String, Double> shares() {
        Map<String, Long> spent = new HashMap<>();
        threads.values().forEach(t -> spent.merge(t.name(), t.last() - t.first(), Long::sum));
        long total = spent.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        if (total == 0) return shares;
        spent.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> shares.put(e.getKey(), e.getValue() / (double) total));
        return shares;
    }

    /** The name without the number that tells a pool's threads apart (Linux keeps 15 characters of a name). */
    static String group(String name) {
        return name.replaceAll("[#\\-_ ]?\\d+$", "").replaceAll("[\\s\\-]+$", "");
    }
}
