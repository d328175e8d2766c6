package org.earshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.RawRecord;
import org.earshot.pipeline.matching.RulesAtStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where the Listen job's dedup stages run: the tasks of its job graph, by environment and parallelism. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KeyingTest {
    private static final ListenOptions OPTIONS = new ListenOptions(KafkaSettings.of("unused:9092"), "test",
            Duration.ofSeconds(1), Duration.ofHours(1), 10_000, Duration.ofSeconds(5));

    @Test
    void locallyWithOneSubtaskTheDedupStagesAndTheModelsAreOneTask() {
        List<String> tasks = tasks(StreamExecutionEnvironment.createLocalEnvironment(1));
        assertThat(tasks).filteredOn(t -> t.contains("dedup by")).singleElement().satisfies(t -> assertThat(t)
                .contains("parse and validate", "dedup by id", "normalize", "dedup by url", "dedup by text", "language, sentiment, emotion"));
    }

    @Test
    void withTwoSubtasksEachDedupStageIsATaskOfItsOwn() {
        List<String> tasks = tasks(StreamExecutionEnvironment.createLocalEnvironment(2));
        assertThat(tasks).filteredOn(t -> t.contains("dedup by")).hasSize(3);
    }

    /** As {@code earshot run} and the demo run it: every output as {@link ListenTopologyTest} holds it at parallelism 1. */
    @Test
    void keyedInPlaceTheJobGivesEveryOutputAsWhenShuffled() throws Exception {
        ListenTopologyTest.everyOutputOfTheJob(StreamExecutionEnvironment.createLocalEnvironment(1));
    }

    /** Each task's name: Flink names a task after the operators chained into it. */
    private static List<String> tasks(StreamExecutionEnvironment env) {
        RawRecord record = new RawRecord("earshot.mentions", 0, 0, 0, "{}".getBytes(StandardCharsets.UTF_8));
        ListenJob.Streams streams = ListenJob.build(env.fromData(record), env.fromData(record), RulesAtStart.records(1), OPTIONS);
        streams.enriched().sinkTo(new DiscardingSink<>());
        return env.getStreamGraph().getJobGraph().getVerticesSortedTopologicallyFromSources().stream().map(JobVertex::getName).toList();
    }
}
