package org.earshot.pipeline.matching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.earshot.pipeline.kafka.HeldUntilRead;
import org.earshot.pipeline.query.QueryException;
import org.earshot.pipeline.types.MentionTypes;
import org.earshot.schemas.Mention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches every mention against the live rules and sets its {@code ruleIds}. The rules are
 * broadcast state, so every subtask holds all of them, a change applies as soon as it arrives,
 * and a restart restores them from the checkpoint. The {@link RuleMatcher} itself is rebuilt from
 * that state on the first record after a (re)start: it is an index, not state.
 *
 * <p><b>Rules first.</b> Flink orders no two inputs, and a job started on a backlog would match its
 * first mentions against whichever rules had arrived. So mentions are held (in checkpointed state)
 * until the rules have been read up to where {@code earshot.rules} ended when this subtask opened
 * ({@link RulesAtStart}); a restart asks again, so rules changed while the job was down apply before
 * it matches anything. If the rules stop arriving short of that end for {@link #QUIET} (a
 * transaction marker or compaction can leave the last offset without a record), or {@link
 * #MAX_HELD} mentions wait, matching starts anyway, with a warning. A held mention keeps its
 * event time.
 */
public final class MatchRulesFunction extends BroadcastProcessFunction<Mention, RuleUpdate, Mention> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MatchRulesFunction.class);
    /** Rule id → query: the rules the job listens for. */
    public static final MapStateDescriptor<String, String> RULES =
            new MapStateDescriptor<>("rules", Types.STRING, TypeInformation.of(String.class));
    /** Partition of {@code earshot.rules} → the highest offset read into {@link #RULES}. */
    public static final MapStateDescriptor<Integer, Long> RULES_READ = new MapStateDescriptor<>("rules-read", Types.INT, Types.LONG);
    /** Accumulator names, read by the demo's live view. */
    public static final String MATCHED = "mentions-matched";
    public static final String RULE_FAILURES = "rule-failures";
    static final Duration QUIET = Duration.ofSeconds(30);
    static final int MAX_HELD = 100_000;

    private final RulesAtStart rulesAtStart;
    private transient HeldUntilRead<Mention> rulesFirst;
    private transient RuleMatcher matcher;
    private transient Set<String> reportedFailures;
    private transient LongCounter matched;
    private transient LongCounter failures;

    public MatchRulesFunction(RulesAtStart rulesAtStart) {
        this.rulesAtStart = rulesAtStart;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        reportedFailures = new HashSet<>();
        matched = new LongCounter();
        failures = new LongCounter();
        getRuntimeContext().addAccumulator(MATCHED, matched);
        getRuntimeContext().addAccumulator(RULE_FAILURES, failures);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        rulesFirst = new HeldUntilRead<>("earshot.rules", rulesAtStart, QUIET, MAX_HELD);
        rulesFirst.restore(context, "held-mentions", MentionTypes.MENTION);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        rulesFirst.snapshot();
    }

    @Override
    public void processElement(Mention mention, ReadOnlyContext ctx, Collector<Mention> out) throws Exception {
        if (!rulesFirst.loaded(ctx.getBroadcastState(RULES_READ))) {
            rulesFirst.hold(mention);
            return;
        }
        List<Mention> waited = rulesFirst.release();
        if (!waited.isEmpty()) {
            release(waited, ctx.getBroadcastState(RULES), out);
            HeldUntilRead.stamp(out, ctx.timestamp());
        }
        match(mention, ctx.getBroadcastState(RULES), out);
    }

    @Override
    public void processBroadcastElement(RuleUpdate update, Context ctx, Collector<Mention> out) throws Exception {
        BroadcastState<String, String> rules = ctx.getBroadcastState(RULES);
        BroadcastState<Integer, Long> read = ctx.getBroadcastState(RULES_READ);
        rulesFirst.read(read, update.partition, update.offset);
        apply(update, rules);
        if (rulesFirst.loaded(read)) release(rulesFirst.release(), rules, out);
    }

    private void apply(RuleUpdate update, BroadcastState<String, String> rules) throws Exception {
        if (update.isSkip()) return;
        RuleMatcher live = matcher(rules);
        if (update.isDelete()) {
            rules.remove(update.ruleId);
            live.delete(update.ruleId);
            return;
        }
        try {
            live.register(update.ruleId, update.query);
            rules.put(update.ruleId, update.query);
            reportedFailures.remove(update.ruleId);
        } catch (QueryException e) {
            // ParseRulesFunction let only compiling queries through; keep the previous version.
            LOG.warn("rule {} not updated: {}", update.ruleId, e.getMessage());
        }
    }

    /** The mentions that waited for the rules, matched now, each with its own event time. */
    private void release(List<Mention> waited, ReadOnlyBroadcastState<String, String> rules, Collector<Mention> out) throws Exception {
        for (Mention m : waited) {
            HeldUntilRead.stamp(out, m.eventTimeMillis(0L));
            match(m, rules, out);
        }
    }

    private void match(Mention mention, ReadOnlyBroadcastState<String, String> rules, Collector<Mention> out) throws Exception {
        RuleMatcher.Result result = matcher(rules).match(mention);
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

    /** The matcher over the broadcast rules, built on first use after a (re)start. */
    private RuleMatcher matcher(ReadOnlyBroadcastState<String, String> rules) throws Exception {
        if (matcher == null) {
            RuleMatcher built = new RuleMatcher();
            for (Map.Entry<String, String> rule : rules.immutableEntries()) {
                try {
                    built.register(rule.getKey(), rule.getValue());
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
