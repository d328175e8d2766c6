package org.earshot.pipeline.aggregate;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The Listen job's event-time windows: per rule × minute × network × language × sentiment, and
 * per rule's terms. A window fires when the watermark passes its minute and again for each
 * mention up to {@code allowedLateness} later; a mention later still is written on its own. Every
 * path writes deltas, so each mention counts exactly once in ClickHouse however late it came.
 */
public final class RuleAggregates {
    static final Duration MINUTE = Duration.ofMinutes(1);
    private static final OutputTag<RuleMatch> LATE_MATCHES = new OutputTag<>("late-matches") {};
    private static final OutputTag<RuleTerms> LATE_TERMS = new OutputTag<>("late-terms") {};

    private RuleAggregates() {}

    /** Minute tallies of each rule's matches, as rows for {@code rule_minute_input}. */
    public static DataStream<RuleMinute> minutes(DataStream<RuleMatch> matches, Duration allowedLateness) {
        SingleOutputStreamOperator<RuleMinute> windowed = matches
                .keyBy(RuleMatch::cell, Types.STRING)
                .window(TumblingEventTimeWindows.of(MINUTE))
                .allowedLateness(allowedLateness)
                .sideOutputLateData(LATE_MATCHES)
                .aggregate(new TallyFunction<>(MinuteTally::new), new EmitMinuteDeltas(), TypeInformation.of(MinuteTally.class),
                        TypeInformation.of(MinuteTally.class), TypeInformation.of(RuleMinute.class))
                .name("rule minutes").uid("rule-minutes");
        DataStream<RuleMinute> tooLate = windowed.getSideOutput(LATE_MATCHES)
                .map(RuleMinute::of).returns(RuleMinute.class).name("late rule minutes").uid("rule-minutes-late");
        return windowed.union(tooLate);
    }

    /** Each rule's top terms and hashtags per minute, as rows for {@code rule_hour_terms}. */
    public static DataStream<RuleTermCount> terms(DataStream<RuleTerms> terms, Duration allowedLateness) {
        SingleOutputStreamOperator<RuleTermCount> windowed = terms
                .keyBy(rt -> rt.ruleId, Types.STRING)
                .window(TumblingEventTimeWindows.of(MINUTE))
                .allowedLateness(allowedLateness)
                .sideOutputLateData(LATE_TERMS)
                .aggregate(new TallyFunction<>(TermTally::new), new EmitTermDeltas(), TypeInformation.of(TermTally.class),
                        TypeInformation.of(TermTally.class), TypeInformation.of(RuleTermCount.class))
                .name("rule terms").uid("rule-terms");
        DataStream<RuleTermCount> tooLate = windowed.getSideOutput(LATE_TERMS)
                .flatMap((RuleTerms rt, org.apache.flink.util.Collector<RuleTermCount> out) -> RuleTermCount.of(rt).forEach(out::collect))
                .returns(RuleTermCount.class).name("late rule terms").uid("rule-terms-late");
        return windowed.union(tooLate);
    }
}
