package org.earshot.pipeline.kafka;

import java.io.Serializable;
import java.util.Map;

/**
 * Where a compacted topic ended when a function started (partition → the offset after its last record): how far the
 * broadcast side must read before the other input may be judged against it ({@link HeldUntilRead}).
 */
@FunctionalInterface
public interface EndsAtStart extends Serializable {
    Map<Integer, Long> ends() throws Exception;

    /** The topic as Kafka reports it when the function opens. */
    static EndsAtStart kafka(KafkaSettings kafka, String topic) {
        return () -> TopicEnds.of(kafka, topic);
    }

    /** {@code count} records on partition 0, at offsets 0 to count - 1 (tests, records given in the job). */
    static EndsAtStart records(int count) {
        Map<Integer, Long> ends = count == 0 ? Map.of() : Map.of(0, (long) count);
        return () -> ends;
    }
}
