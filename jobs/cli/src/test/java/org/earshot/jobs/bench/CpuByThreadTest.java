package org.earshot.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CpuByThreadTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void numberedThreadsOfOnePoolCountTogether() {
        assertThat(CpuByThread.group("GC Thread#1")).isEqualTo("GC Thread");
        assertThat(CpuByThread.group("kafka-producer-")).isEqualTo("kafka-producer");
        assertThat(CpuByThread.group("ThreadPool-12")).isEqualTo("ThreadPool");
        assertThat(CpuByThread.group("AsyncOperations")).isEqualTo("AsyncOperations");
        assertThat(CpuByThread.group("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
    }

    @Test
    void chargesTheCpuTwoBusyThreadsSpentToTheirSharedName() throws Exception {
        CpuByThread cpu = new CpuByThread();
        cpu.read();
        Thread[] busy = {new Thread(CpuByThreadTest::spendOneSecond, "busy-1"), new Thread(CpuByThreadTest::spendOneSecond, "busy-2")};
        for (Thread t : busy) t.start();
        // read while they run: a thread that has ended is gone from /proc, with all it spent
        while (busy[0].isAlive() || busy[1].isAlive()) {
            cpu.read();
            Thread.sleep(20);
        }
        Map<String, Double> shares = cpu.shares();
        assertThat(shares).containsKey("busy");
        assertThat(shares).doesNotContainKeys("busy-1", "busy-2");
        assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(shares.keySet().iterator().next()).as("the busiest name comes first").isEqualTo("busy");
    }

    /** A second of this thread's own CPU, however busy the machine is. */
    private static void spendOneSecond() {
        long until = THREADS.getCurrentThreadCpuTime() + 1_000_000_000L;
        long x = 0;
        while (THREADS.getCurrentThreadCpuTime() < until) x += Long.numberOfTrailingZeros(x + 1);
        if (x == 42) System.out.println(x);
    }
}
