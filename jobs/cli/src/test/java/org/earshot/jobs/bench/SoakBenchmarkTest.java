package org.earshot.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.earshot.jobs.settings.StateKeys;
import org.earshot.pipeline.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short soak through the real pipeline (broker, Listen job with live rules, ClickHouse, the search index, alerts to a
 * webhook): every measure is sampled from the running system, and the report holds a CSV row per sample, a PNG per
 * measure and the page showing them.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SoakBenchmarkTest {
    private static final double RATE = 300;

    @Test
    void samplesTheRunningPipelineAndWritesItsReport(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path report = dir.resolve("report");
        SoakBenchmark soak = new SoakBenchmark(dir, Duration.ofSeconds(25), RATE, 200, SharedData.path("corpus/tweeteval-emoji/tweets.txt"),
                Duration.ofSeconds(2), Duration.ofDays(7), Duration.ofSeconds(1), StateKeys.Backend.HASHMAP, report, new PrintStream(printed, true, StandardCharsets.UTF_8));
        SoakBenchmark.Result r = soak.run();

        List<SoakBenchmark.Sample> samples = r.samples();
        assertThat(samples).hasSizeGreaterThan(10);
        SoakBenchmark.Sample last = samples.get(samples.size() - 1);
        assertThat(last.sent()).as("about the rate for 25 s").isGreaterThan((long) (RATE * 20));
        assertThat(last.read()).as("the job keeps up with %s a second", RATE).isGreaterThan(last.sent() / 2);
        assertThat(last.backlog()).isEqualTo(last.sent() - last.read());
        assertThat(r.rateAfterFirstQuarter(SoakBenchmark.Sample::sent)).as("the sender holds its rate").isCloseTo(RATE, within(RATE * 0.3));
        assertThat(r.rateAfterFirstQuarter(SoakBenchmark.Sample::read)).as("and the job takes it in").isGreaterThan(RATE / 2);
        assertThat(r.median(SoakBenchmark.Sample::p50Millis)).as("rows reached ClickHouse after their stamp").isPositive();
        assertThat(r.max(SoakBenchmark.Sample::p99Millis)).isGreaterThanOrEqualTo(r.median(SoakBenchmark.Sample::p50Millis));
        assertThat(last.heapAfterGc()).isPositive();
        assertThat(last.rss()).isGreaterThan(last.heapAfterGc() / 2);
        assertThat(last.heapCommitted()).as("the heap committed holds what survived the collection").isGreaterThanOrEqualTo(last.heapAfterGc());
        assertThat(last.jvmOutsideHeap()).as("metaspace and code cache at least").isPositive();
        assertThat(last.mappedFiles()).as("the search index's files, mapped apart from the JVM's own memory").isPositive();
        assertThat(last.clickhouseBytes()).as("ClickHouse's tracker counts the engine that took the rows").isPositive();
        assertThat(r.max(s -> s.checkpointBytes())).as("checkpoints were taken and measured").isPositive();
        assertThat(last.indexed()).as("the search index took in what the job enriched").isPositive();
        assertThat(last.indexBacklog()).isLessThan(last.read());
        assertThat(last.notifications()).as("every match of Aurora notifies at once after a quiet spell").isPositive();
        assertThat(last.badSignatures()).isZero();
        List<String> received = Files.readAllLines(report.resolve("alerts-webhook.log"));
        assertThat(received).as("each notification in the receiver's log, some perhaps after the last sample")
                .hasSizeGreaterThanOrEqualTo((int) last.notifications())
                .allSatisfy(line -> assertThat(line).contains("signature ok"));

        assertThat(Files.readAllLines(report.resolve("soak.csv"))).hasSize(samples.size() + 1);
        String html = Files.readString(report.resolve("soak.html"));
        assertThat(SoakBenchmark.CHARTS).contains("index-backlog", "notifications", "heap", "checkpoint");
        for (String chart : SoakBenchmark.CHARTS) {
            byte[] png = Files.readAllBytes(report.resolve(chart + ".png"));
            assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            assertThat(html).contains(chart + ".png");
        }
        assertThat(soak.summary(r)).anySatisfy(line -> assertThat(line).startsWith("heap after GC:"))
                .anySatisfy(line -> assertThat(line).startsWith("of it, heap committed:").contains("ClickHouse"))
                .anySatisfy(line -> assertThat(line).startsWith("files mapped (the search index"));
        assertThat(soak.summary(r)).anySatisfy(line -> assertThat(line).startsWith("search index: "))
                .anySatisfy(line -> assertThat(line).startsWith("alerts: ").contains("0 with a bad signature"));
        assertThat(r.cpuByThread()).as("the sender's own thread spent CPU, and so did the snapshots of 2 s checkpoints")
                .containsKeys("soak-sender", "AsyncOperations");
        assertThat(r.cpuByThread().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(Files.readAllLines(report.resolve(SoakBenchmark.CPU_BY_THREAD))).hasSize(r.cpuByThread().size() + 1)
                .contains("\"soak-sender\"," + String.format(java.util.Locale.ROOT, "%.4f", r.cpuByThread().get("soak-sender")));
        assertThat(soak.summary(r)).anySatisfy(line -> assertThat(line).startsWith("CPU by thread").contains(" %, "));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("backlog", "to ClickHouse p50", "indexed", "notifications");
    }
}
