package org.earshot.pipeline.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.earshot.pipeline.aggregate.TrendingTerms;
import org.earshot.pipeline.kafka.EndsAtStart;
import org.earshot.pipeline.kafka.HeldUntilRead;
import org.earshot.pipeline.types.MentionTypes;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Notification;
import org.earshot.schemas.Subscription;

/**
 * Turns each matched mention into one {@link Hit} per subscription that watches a rule it matched (once per
 * subscription, however many of its rules it matched). The subscriptions are broadcast: every instance knows them all.
 * Mentions wait until the subscriptions have been read up to where {@code earshot.subscriptions} ended at start
 * ({@link HeldUntilRead}), so that a job started on a backlog alerts on its first mentions too.
 */
public final class AlertFanOut extends BroadcastProcessFunction<Mention, SubscriptionUpdate, Hit> implements CheckpointedFunction {
    /** Subscription id → its JSON (as checked): the broadcast state both alert operators read. */
    public static final MapStateDescriptor<String, String> SUBSCRIPTIONS =
            new MapStateDescriptor<>("alert-subscriptions", Types.STRING, Types.STRING);
    /** Partition of {@code earshot.subscriptions} → the highest offset read. */
    public static final MapStateDescriptor<Integer, Long> SUBSCRIPTIONS_READ = HeldUntilRead.positions("alert-subscriptions-read");
    static final int TEXT_CHARS = 280;
    static final Duration QUIET = Duration.ofSeconds(30);
    static final int MAX_HELD = 100_000;

    private final EndsAtStart subscriptionsAtStart;
    private transient HeldUntilRead<Mention> subscriptionsFirst;
    private transient LiveSubscriptions live;
    /** Rule id → the subscriptions watching it; rebuilt when a subscription changes. */
    private transient Map<String, List<Subscription>> byRule;
    private transient TrendingTerms terms;

    public AlertFanOut(EndsAtStart subscriptionsAtStart) {
        this.subscriptionsAtStart = subscriptionsAtStart;
    }

    @Override
    public void open(OpenContext context) {
        live = new LiveSubscriptions();
        terms = new TrendingTerms();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        subscriptionsFirst = new HeldUntilRead<>("earshot.subscriptions", subscriptionsAtStart, QUIET, MAX_HELD);
        subscriptionsFirst.restore(context, "alert-held-mentions", MentionTypes.MENTION);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        subscriptionsFirst.snapshot();
    }

    @Override
    public void processElement(Mention m, ReadOnlyContext ctx, Collector<Hit> out) throws Exception {
        // An edit of a post already reported is not news again.
        if (m.ruleIds == null || m.ruleIds.isEmpty() || Boolean.TRUE.equals(m.edit)) return;
        long eventTime = ctx.timestamp() != null ? ctx.timestamp() : m.eventTimeMillis(System.currentTimeMillis());
        if (!subscriptionsFirst.loaded(ctx.getBroadcastState(SUBSCRIPTIONS_READ))) {
            subscriptionsFirst.hold(m);
            return;
        }
        release(ctx.getBroadcastState(SUBSCRIPTIONS), out);
        HeldUntilRead.stamp(out, eventTime);
        fanOut(m, eventTime, ctx.getBroadcastState(SUBSCRIPTIONS), out);
    }

    @Override
    public void processBroadcastElement(SubscriptionUpdate update, Context ctx, Collector<Hit> out) throws Exception {
        BroadcastState<String, String> state = ctx.getBroadcastState(SUBSCRIPTIONS);
        subscriptionsFirst.read(ctx.getBroadcastState(SUBSCRIPTIONS_READ), update.partition, update.offset);
        if (!update.isSkip()) {
            if (update.json == null) state.remove(update.id);
            else state.put(update.id, update.json);
            byRule = null;
        }
        if (subscriptionsFirst.loaded(ctx.getBroadcastState(SUBSCRIPTIONS_READ))) release(state, out);
    }

    /** The mentions that waited for the subscriptions, each with its own event time. */
    private void release(ReadOnlyBroadcastState<String, String> state, Collector<Hit> out) throws Exception {
        for (Mention m : subscriptionsFirst.release()) {
            long eventTime = m.eventTimeMillis(0L);
            HeldUntilRead.stamp(out, eventTime);
            fanOut(m, eventTime, state, out);
        }
    }

    private void fanOut(Mention m, long eventTime, ReadOnlyBroadcastState<String, String> state, Collector<Hit> out) throws Exception {
        if (byRule == null) byRule = index(state);
        Set<Subscription> watching = new LinkedHashSet<>();
        for (String rule : m.ruleIds) watching.addAll(byRule.getOrDefault(rule, List.of()));
        if (watching.isEmpty()) return;
        Notification.Brief brief = brief(m);
        for (Subscription s : watching) {
            Hit hit = new Hit();
            hit.subscriptionId = s.id;
            hit.subscription = state.get(s.id);
            hit.mention = brief;
            hit.eventTime = eventTime;
            if (Conditions.DIGEST.equals(s.condition.type)) {
                hit.terms = terms.terms(m);
                hit.hashtags = terms.hashtags(m);
            }
            out.collect(hit);
        }
    }

    private Map<String, List<Subscription>> index(ReadOnlyBroadcastState<String, String> state) throws Exception {
        Map<String, List<Subscription>> index = new HashMap<>();
        for (Map.Entry<String, String> e : state.immutableEntries()) {
            Subscription s = live.get(e.getKey(), e.getValue());
            for (String rule : s.rules) index.computeIfAbsent(rule, r -> new ArrayList<>()).add(s);
        }
        return index;
    }

    static Notification.Brief brief(Mention m) {
        Notification.Brief b = new Notification.Brief();
        b.id = m.id;
        b.network = m.network;
        b.url = m.url;
        b.author = m.author == null ? null : m.author.handle != null ? m.author.handle : m.author.name;
        String text = m.text == null || m.text.isBlank() ? m.title : m.text;
        b.text = text == null ? "" : text.length() <= TEXT_CHARS ? text : text.substring(0, TEXT_CHARS) + "…";
        b.lang = m.lang;
        b.sentiment = m.sentiment == null ? null : m.sentiment.label;
        b.reach = m.reach;
        b.publishedAt = m.publishedAt;
        b.fetchedAt = m.fetchedAt;
        return b;
    }
}
