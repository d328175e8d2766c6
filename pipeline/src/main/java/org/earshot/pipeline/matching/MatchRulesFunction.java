package org.earshot.pipeline.matching;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.earshot.pipeline.query.QueryException;
import org.earshot.schemas.Mention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches every mention against the live rules and sets its {@code ruleIds}. The rules are
 * broadcast state, so every subtask holds all of them, a change applies as soon as it arrives,
 * and a restart restores them from the checkpoint. The {@link RuleMatcher} itself is rebuilt from
 * that state on the first record after a (re)start: it is an index, not state.
 */
public final class MatchRulesFunction extends BroadcastProcessFunction<Mention, RuleUpdate, Mention> {
    private static final Logger LOG = LoggerFactory.getLogger(MatchRulesFunction.class);
    /** Rule id → query: the rules the job listens for. */
    public static final MapStateDescriptor<String, String> RULES =
            new MapStateDescriptor<>("rules", Types.STRING, TypeInformation.of(String.class));
    /** Accumulator names, read by the demo's live view. */
    public static final String MATCHED = "mentions-matched";
    public static final String RULE_FAILURES = "rule-failures";

    private transient RuleMatcher matcher;
    private transient Set<String> reportedFailures;
    private transient LongCounter matched;
    private transient LongCounter failures;

    @Override
    public void open(OpenContext context) {
        reportedFailures = new HashSet<>();
        matched = new LongCounter();
        failures = new LongCounter();
        getRuntimeContext().addAccumulator(MATCHED, matched);
        getRuntimeContext().addAccumulator(RULE_FAILURES, failures);
    }

    @Override
    public void processElement(Mention mention, ReadOnlyContext ctx, Collector<Mention> out) throws Exception {
        RuleMatcher.Result result = matcher(ctx.getBroadcastState(RULES)).match(mention);
        mention.ruleIds = new ArrayList<>(result.ruleIds());
        if (!result.ruleIds().isEmpty()) matched.add(1);
        for (RuleMatcher.Failure failure : result.failures()) {
            failures.add(1);
            // Once per rule and subtask: a broken rule fails on every mention it is a candidate for.
            if (reportedFailures.add(failure.ruleId())) {
                LOG.warn("rule {} failed on mention {} and is skipped where it fails: {}", failure.ruleId(), mention.id, failure.error());
            }
        }
        out.collect(mention);
    }

    @Override
    public void processBroadcastElement(RuleUpdate update, Context ctx, Collector<Mention> out) throws Exception {
        BroadcastState<String, String> rules = ctx.getBroadcastState(RULES);
        RuleMatcher live = matcher(rules);
        if (update.isDelete()) {
            rules.remove(update.ruleId);
            live.remove(update.ruleId);
            return;
        }
        try {
            live.put(update.ruleId, update.query);
            rules.put(update.ruleId, update.query);
            reportedFailures.remove(update.ruleId);
        } catch (QueryException e) {
            // ParseRulesFunction let only compiling queries through; keep the previous version.
            LOG.warn("rule {} not updated: {}", update.ruleId, e.getMessage());
        }
    }

    /** The matcher over the broadcast rules, built on first use after a (re)start. */
    private RuleMatcher matcher(ReadOnlyBroadcastState<String, String> rules) throws Exception {
        if (matcher == null) {
            RuleMatcher built = new RuleMatcher();
            for (Map.Entry<String, String> rule : rules.immutableEntries()) {
                try {
                    built.put(rule.getKey(), rule.getValue());
                } catch (QueryException e) {
                    LOG.warn("rule {} from the checkpoint no longer compiles and is skipped: {}", rule.getKey(), e.getMessage());
                }
            }
            if (built.size() > 0) LOG.info("{} rules live", built.size());
            matcher = built;
        }
        return matcher;
    }
}
