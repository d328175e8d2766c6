package org.earshot.jobs.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.earshot.pipeline.validate.ParseMentionsFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveViewTest {
    /** What the job really did, seen from this JVM (a local job runs in it). */
    static final AtomicLong PARSED = new AtomicLong();
    /** What reached the end of the job, counted apart from the parse stage: the "rows stored" of this test. */
    static final AtomicLong STORED = new AtomicLong();

    static final class CountStored implements org.apache.flink.api.common.functions.MapFunction<Long, Long> {
        @Override
        public Long map(Long value) {
            STORED.incrementAndGet();
            return value;
        }
    }

    /** Counts like ParseMentionsFunction does, under its accumulator's name, slowly enough to be stopped midway. */
    static final class CountParsed extends RichMapFunction<Long, Long> {
        private final LongCounter parsed = new LongCounter();

        @Override
        public void open(OpenContext context) {
            getRuntimeContext().addAccumulator(ParseMentionsFunction.PARSED, parsed);
        }

        @Override
        public Long map(Long value) throws InterruptedException {
            Thread.sleep(1);
            parsed.add(1);
            PARSED.incrementAndGet();
            return value;
        }
    }

    @Test
    void aJobStoppedWithASavepointShowsItsFinalCounts(@TempDir Path checkpoints) throws Exception {
        StreamExecutionEnvironment env = LocalFlink.environment(checkpoints, Duration.ofMillis(500), 1, true);
        env.fromSequence(1, Long.MAX_VALUE).map(new CountParsed()).map(new CountStored()).sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("live view test");
        // Parsed comes from the job's accumulator, rows stored from the supplier: two sources that must agree.
        LiveView view = new LiveView(job, STORED::get, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        while (view.counts().parsed() < 500) Thread.sleep(100);

        assertThat(LocalFlink.stop(job, checkpoints, Duration.ofSeconds(60))).isTrue();
        // The local cluster goes with the job: then only the job's result holds the final counts.
        assertThat(clusterGone(job)).isTrue();
        LiveView.Counts stopped = view.counts();
        assertThat(stopped.parsed()).as("the accumulator's final value").isEqualTo(PARSED.get()).isGreaterThanOrEqualTo(500);
        assertThat(stopped.rowsWritten()).as("read after the stop").isEqualTo(STORED.get()).isEqualTo(PARSED.get());
        assertThat(view.line()).matches("\\d\\d:\\d\\d:\\d\\d  in [\\d,]+ \\(\\d+/s\\)  enriched [\\d,]+ .* ClickHouse rows [\\d,]+.*");
    }

    private static boolean clusterGone(JobClient job) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try {
                job.getJobStatus().get();
            } catch (Exception e) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
