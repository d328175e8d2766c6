package org.earshot.pipeline.aggregate;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Writes a rule's most frequent terms and hashtags of a minute into its hour, as counts gained
 * since the window last fired (see {@link EmitMinuteDeltas}). Only the top of each minute is
 * kept: the long tail of words said once is not what trends.
 */
public final class EmitTermDeltas extends ProcessWindowFunction<TermTally, RuleTermCount, String, TimeWindow> {
    public static final int TOP_TERMS = 50;
    public static final int TOP_HASHTAGS = 20;
    private static final MapStateDescriptor<String, Long> WRITTEN = new MapStateDescriptor<>("written", Types.STRING, Types.LONG);
    private static final Comparator<Map.Entry<String, Long>> MOST_FIRST =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    @Override
    public void process(String ruleId, Context ctx, Iterable<TermTally> tallies, Collector<RuleTermCount> out) throws Exception {
        TermTally tally = tallies.iterator().next();
        MapState<String, Long> written = ctx.windowState().getMapState(WRITTEN);
        Instant hour = Minutes.hourOf(Instant.ofEpochMilli(ctx.window().getStart()));
        emit(tally.ruleId, hour, RuleTermCount.TERM, tally.terms, TOP_TERMS, written, out);
        emit(tally.ruleId, hour, RuleTermCount.HASHTAG, tally.hashtags, TOP_HASHTAGS, written, out);
    }

    private static void emit(String ruleId, Instant hour, String kind, Map<String, Long> counts, int top,
                             MapState<String, Long> written, Collector<RuleTermCount> out) throws Exception {
        for (Map.Entry<String, Long> e : counts.entrySet().stream().sorted(MOST_FIRST).limit(top).toList()) {
            String key = kind + '\u001f' + e.getKey();
            Long before = written.get(key);
            long gained = e.getValue() - (before == null ? 0 : before);
            if (gained <= 0) continue;
            written.put(key, e.getValue());
            out.collect(new RuleTermCount(ruleId, hour, kind, e.getKey(), gained));
        }
    }

    @Override
    public void clear(Context ctx) {
        ctx.windowState().getMapState(WRITTEN).clear();
    }
}
