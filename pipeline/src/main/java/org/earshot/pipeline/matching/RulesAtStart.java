package org.earshot.pipeline.matching;

import java.util.Map;
import org.earshot.pipeline.kafka.EndsAtStart;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.TopicEnds;

/**
 * Where {@code earshot.rules} ended when the matcher started (partition → the offset after its last record). The
 * matcher holds mentions back until it has read the rules up to there, so that a job started on a backlog matches
 * its first mentions against every rule, not against the few that happened to arrive first.
 */
@FunctionalInterface
public interface RulesAtStart extends EndsAtStart {

    /** The rules topic as Kafka reports it when each matcher opens. */
    static RulesAtStart kafka(KafkaSettings kafka, String topic) {
        return () -> TopicEnds.of(kafka, topic);
    }

    /** Known ends, for rules given as records (tests, replays). */
    static RulesAtStart fixed(Map<Integer, Long> ends) {
        Map<Integer, Long> copy = Map.copyOf(ends);
        return () -> copy;
    }

    /** {@code count} records on partition 0, at offsets 0 to count - 1. */
    static RulesAtStart records(int count) {
        return fixed(count == 0 ? Map.of() : Map.of(0, (long) count));
    }
}
