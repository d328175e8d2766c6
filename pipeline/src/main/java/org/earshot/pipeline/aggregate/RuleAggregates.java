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
    private static final OutputTag<MinuteTally> LATE_MINUTES = new OutputTag<>("late-minutes") {};
    private static final OutputTag<TermTally> LATE_TERMS = new OutputTag<>("late-term-tallies") {};

    private RuleAggregates() {}

    /**
     * Minute tallies of each rule's matches, as rows for {@code rule_minute_input}: summed where they are matched
     * ({@link SumByMinute}), then per cell in the windows.
     */
    public static DataStream<RuleMinute> minutes(DataStream<RuleMatch> matches, Duration allowedLateness) {
        TypeInformation<MinuteTally> tallies = TypeInformation.of(MinuteTally.class);
        SingleOutputStreamOperator<RuleMinute> windowed = matches
                .transform("rule minutes, summed where matched", tallies, new SumByMinute<>(RuleMatch::cell, MinuteTally::new))
                .uid("rule-minutes-summed")
                .keyBy(MinuteTally::cell, Types.STRING)
                .window(TumblingEventTimeWindows.of(MINUTE))
                .allowedLateness(allowedLateness)
                .sideOutputLateData(LATE_MINUTES)
                .aggregate(new MergeTallies<>(MinuteTally::new), new EmitMinuteDeltas(), tallies, tallies, TypeInformation.of(RuleMinute.class))
                .name("rule minutes").uid("rule-minutes");
        DataStream<RuleMinute> tooLate = windowed.getSideOutput(LATE_MINUTES)
                .process(new LateMinutes()).returns(RuleMinute.class).name("late rule minutes").uid("rule-minutes-late");
        return windowed.union(tooLate);
    }

    /** Each rule's top terms and hashtags per minute, as rows for {@code rule_hour_terms}: summed where matched, then per rule. */
    public static DataStream<RuleTermCount> terms(DataStream<RuleTerms> terms, Duration allowedLateness) {
        TypeInformation<TermTally> tallies = TypeInformation.of(TermTally.class);
        SingleOutputStreamOperator<RuleTermCount> windowed = terms
                .transform("rule terms, summed where matched", tallies, new SumByMinute<RuleTerms, TermTally>(rt -> rt.ruleId, TermTally::new))
                .uid("rule-terms-summed")
                .keyBy(tally -> tally.ruleId, Types.STRING)
                .window(TumblingEventTimeWindows.of(MINUTE))
                .allowedLateness(allowedLateness)
                .sideOutputLateData(LATE_TERMS)
                .aggregate(new MergeTallies<>(TermTally::new), new EmitTermDeltas(), tallies, tallies, TypeInformation.of(RuleTermCount.class))
                .name("rule terms").uid("rule-terms");
        DataStream<RuleTermCount> tooLate = windowed.getSideOutput(LATE_TERMS)
                .process(new LateTerms()).returns(RuleTermCount.class).name("late rule terms").uid("rule-terms-late");
        return windowed.union(tooLate);
    }
}
