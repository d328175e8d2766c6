package org.earshot.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads that Java's thread clocks do not see, by what they do: the garbage collector's
 * and the JIT compilers', read from Linux's {@code /proc/self/task} by the names the JVM gives them. Elsewhere it reads
 * nothing, and everything stays in the one bucket it splits.
 */
final class NativeThreadCpu {
    /** What a native thread's time is charged to. */
    enum Kind { GC, JIT }

    /** Linux reports thread times in clock ticks of 1/100 s (USER_HZ) on every architecture Java runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path TASKS = Path.of("/proc/self/task");

    private NativeThreadCpu() {}

    /** CPU nanoseconds so far of the living GC and JIT threads, summed by kind. */
    static Map<Kind, Long> now() {
        Map<Kind, Long> cpu = new HashMap<>();
        eachThread(t -> {
            Kind kind = kindOf(t.name());
            if (kind != null) cpu.merge(kind, t.ticks() * NANOS_PER_TICK, Long::sum);
        });
        return cpu;
    }

    /** One living thread of this process: its id, its name (as Linux keeps it, 15 characters) and its CPU ticks so far. */
    record Clock(String id, String name, long ticks) {}

    /**
     * Reads every living thread's clock from {@code /proc/self/task}; nothing where there is none. A thread that ends
     * between listing and reading is left out.
     */
    static void eachThread(Consumer<Clock> reader) {
        if (!Files.isDirectory(TASKS)) return;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                Clock clock;
                try {
                    clock = new Clock(task.getFileName().toString(), Files.readString(task.resolve("comm")).strip(),
                            ticks(Files.readString(task.resolve("stat"))));
                } catch (IOException | RuntimeException e) {
                    return; // the thread ended between listing and reading
                }
                reader.accept(clock);
            });
        } catch (IOException e) {
            // no thread list: nothing read this time
        }
    }

    /** HotSpot's names, cut to 15 characters by Linux: "GC Thread#0", "VM Thread", "C2 CompilerThre", "C1 CompilerThre". */
    static Kind kindOf(String name) {
        if (name.startsWith("GC Thread") || name.equals("VM Thread") || name.startsWith("G1 ") || name.startsWith("ZGC")) return Kind.GC;
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) return Kind.JIT;
        return null;
    }

    /** User plus system ticks from a {@code stat} line: fields 14 and 15, counted after the name's closing parenthesis. */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
