package org.earshot.jobs;

import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;

/**
 * Keys a stream for the keyed stages that follow. A job run locally with one subtask holds every key group in that
 * subtask, so each record is already where its key's state lives: the stream is keyed where it stands
 * ({@link DataStreamUtils#reinterpretAsKeyedStream}) and the stages chain into one thread, where a {@code keyBy}
 * would serialize every mention to hand it to the next thread and read it back there (the dedup stages: three such
 * hand-offs, each also hashing the key twice, once to route the record and once to find its state). Anywhere else
 * (more subtasks, or a cluster, where a scheduler may change the parallelism while the job runs) it is a
 * {@code keyBy}. Keyed state is kept per key group either way, so a checkpoint of one restores into the other.
 */
public final class Keying {
    private Keying() {}

    public static <T, K> KeyedStream<T, K> byKey(DataStream<T> stream, KeySelector<T, K> key) {
        return inPlace(stream) ? DataStreamUtils.reinterpretAsKeyedStream(stream, key) : stream.keyBy(key);
    }

    /** Whether {@code stream} runs in a local environment, in one subtask. */
    static boolean inPlace(DataStream<?> stream) {
        return stream.getExecutionEnvironment() instanceof LocalStreamEnvironment && stream.getParallelism() == 1;
    }
}
