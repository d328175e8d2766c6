package org.earshot.pipeline.matching;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time for the rules stream: none. Rule changes are not events in mention time, and an
 * operator joining them with mentions takes the lower of its inputs' watermarks, so the rules
 * side always reports the end of time and the mentions alone drive the windows downstream.
 */
public final class RuleWatermarks {
    private RuleWatermarks() {}

    public static <T> WatermarkStrategy<T> neverHoldBack() {
        return WatermarkStrategy.forGenerator(context -> new WatermarkGenerator<T>() {
            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                // One below Long.MAX_VALUE, which Flink reads as "this input has ended".
                output.emitWatermark(new Watermark(Long.MAX_VALUE - 1));
            }
        });
    }
}
