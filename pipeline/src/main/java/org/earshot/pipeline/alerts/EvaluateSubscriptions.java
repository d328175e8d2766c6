package org.earshot.pipeline.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.earshot.schemas.Alert;
import org.earshot.schemas.Json;
import org.earshot.schemas.Notification;
import org.earshot.schemas.Subscription;
import org.earshot.schemas.Subscription.Condition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates one subscription (the key) on the mentions it watches, and says what it raised: notifications (the main
 * output) and every change of an alert's state ({@link #ALERTS}).
 * <ul>
 *   <li>every match: the first mention after a quiet spell goes out at once; the next ones are gathered for the
 *       window and sent when it ends or when {@code maxMentions} are gathered (processing time: it is about how soon
 *       someone hears);
 *   <li>threshold, volume spike, sentiment shift: counts per step of event time (a sixth of the window), judged each
 *       time the watermark passes a step's end; an alert is ACTIVE while its condition holds and COMPLETED once it no
 *       longer does;
 *   <li>digest: one per period of event time, ending at the local time asked for.
 * </ul>
 * A throttle holds every-match mentions until it has passed, and drops other notifications within it (their alert
 * states are still recorded). In quiet hours, notifications wait for the hours to end.
 */
public final class EvaluateSubscriptions extends KeyedBroadcastProcessFunction<String, Hit, SubscriptionUpdate, Notification> {
    public static final OutputTag<Alert> ALERTS = new OutputTag<>("alert-states") {};
    /** The subscription as a hit brought it, while this operator's broadcast copy had not come: its timers need it. */
    static final ValueStateDescriptor<String> KNOWN = new ValueStateDescriptor<>("subscription", Types.STRING);
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateSubscriptions.class);
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private transient LiveSubscriptions live;
    private transient ValueState<Kept.Batch> batch;
    private transient MapState<Long, Tally> steps;
    private transient MapState<Long, Long> hours;
    private transient ValueState<Long> firstSeen;
    private transient ValueState<Long> lastJudged;
    private transient ValueState<Kept.Open> open;
    private transient ValueState<Long> lastRaised;
    private transient ValueState<Long> lastNotified;
    private transient ValueState<Kept.Top> recent;
    private transient MapState<Long, Kept.Period> periods;
    private transient ValueState<Kept.Period> previousPeriod;
    private transient ListState<String> held;
    private transient ValueState<String> known;

    @Override
    public void open(OpenContext context) {
        live = new LiveSubscriptions();
        batch = getRuntimeContext().getState(new ValueStateDescriptor<>("batch", Kept.Batch.class));
        steps = getRuntimeContext().getMapState(new MapStateDescriptor<>("steps", Types.LONG, Types.POJO(Tally.class)));
        hours = getRuntimeContext().getMapState(new MapStateDescriptor<>("hours", Types.LONG, Types.LONG));
        firstSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("first-seen", Types.LONG));
        lastJudged = getRuntimeContext().getState(new ValueStateDescriptor<>("last-judged", Types.LONG));
        open = getRuntimeContext().getState(new ValueStateDescriptor<>("open", Kept.Open.class));
        lastRaised = getRuntimeContext().getState(new ValueStateDescriptor<>("last-raised", Types.LONG));
        lastNotified = getRuntimeContext().getState(new ValueStateDescriptor<>("last-notified", Types.LONG));
        recent = getRuntimeContext().getState(new ValueStateDescriptor<>("recent", Kept.Top.class));
        periods = getRuntimeContext().getMapState(new MapStateDescriptor<>("periods", Types.LONG, Types.POJO(Kept.Period.class)));
        previousPeriod = getRuntimeContext().getState(new ValueStateDescriptor<>("previous-period", Types.POJO(Kept.Period.class)));
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held", Types.STRING));
        known = getRuntimeContext().getState(KNOWN);
    }

    @Override
    public void processElement(Hit hit, ReadOnlyContext ctx, Collector<Notification> out) throws Exception {
        // The fan-out saw the subscription; this operator's copy of the broadcast may come later, so the hit carries it.
        String json = ctx.getBroadcastState(AlertFanOut.SUBSCRIPTIONS).get(ctx.getCurrentKey());
        if (json == null) {
            if (hit.subscription == null) return;
            json = hit.subscription;
            known.update(json); // only until this operator's copy comes: timers look there first
        }
        Subscription s = subscription(ctx.getCurrentKey(), json);
        try {
            switch (s.condition.type) {
                case Conditions.EVERY_MATCH -> gather(s, hit, ctx, out);
                case Conditions.DIGEST -> collect(s, hit, ctx);
                default -> count(s, hit, ctx);
            }
        } catch (RuntimeException e) {
            failed(s, "mention " + hit.mention.id, e, ctx);
        }
    }

    /**
     * What the evaluation could not do becomes an ERROR state of the subscription, with the reason, and the job goes on:
     * one subscription, or one mention, never stops it.
     */
    private void failed(Subscription s, String what, RuntimeException e, ReadOnlyContext ctx) {
        LOG.warn("alert subscription {}: evaluating {} failed: {}", s.id, what, e.toString());
        Alert a = new Alert();
        a.alertId = s.id + ":evaluation:" + Instant.ofEpochMilli(ctx.timestamp() == null ? 0 : ctx.timestamp());
        a.subscriptionId = s.id;
        a.ruleIds = s.rules;
        a.kind = s.condition.type;
        a.state = Alert.ERROR;
        a.raisedAt = Instant.ofEpochMilli(ctx.currentProcessingTime());
        a.changedAt = a.raisedAt;
        a.summary = s.displayName() + ": evaluating " + what + " failed";
        a.details = String.valueOf(e);
        ctx.output(ALERTS, a);
    }

    @Override
    public void processBroadcastElement(SubscriptionUpdate update, Context ctx, Collector<Notification> out) throws Exception {
        // The same updates AlertFanOut reads, kept here too. A deleted subscription is forgotten by its key too, and the
        // rest of its state goes at its next timer.
        if (update.isSkip()) return;
        if (update.json != null) {
            ctx.getBroadcastState(AlertFanOut.SUBSCRIPTIONS).put(update.id, update.json);
            return;
        }
        ctx.getBroadcastState(AlertFanOut.SUBSCRIPTIONS).remove(update.id);
        ctx.applyToKeyedState(KNOWN, (key, state) -> {
            if (key.equals(update.id)) state.clear();
        });
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Notification> out) throws Exception {
        String json = ctx.getBroadcastState(AlertFanOut.SUBSCRIPTIONS).get(ctx.getCurrentKey());
        Subscription s = subscription(ctx.getCurrentKey(), json != null ? json : known.value());
        if (s == null) {
            clear(); // deleted
            return;
        }
        try {
            if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
                release(s, time, ctx, out);
                Kept.Batch b = batch.value();
                if (b != null && b.due != 0 && b.due <= time) flush(s, b, time, ctx, out);
                return;
            }
            if (Conditions.DIGEST.equals(s.condition.type)) digest(s, time, ctx, out);
            else judge(s, time, ctx, out);
        } catch (RuntimeException e) {
            failed(s, "the window ending " + Instant.ofEpochMilli(time), e, ctx);
        }
    }

    // ---- every match

    private void gather(Subscription s, Hit hit, ReadOnlyContext ctx, Collector<Notification> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        Condition c = s.condition;
        Kept.Batch b = batch.value();
        boolean leading = b == null && (lastNotified.value() == null || now - lastNotified.value() >= c.window.toMillis());
        if (b == null) b = new Kept.Batch();
        if (b.mentions.size() < c.maxMentions) b.mentions.add(hit.mention);
        else b.more++;
        if (leading || b.mentions.size() >= c.maxMentions) {
            long free = throttledUntil(s, now);
            if (free <= now) {
                flush(s, b, now, ctx, out);
                return;
            }
            b.due = free;
            ctx.timerService().registerProcessingTimeTimer(free);
        } else if (b.due == 0) {
            b.due = now + c.window.toMillis();
            ctx.timerService().registerProcessingTimeTimer(b.due);
        }
        batch.update(b);
    }

    private void flush(Subscription s, Kept.Batch b, long now, ReadOnlyContext ctx, Collector<Notification> out) throws Exception {
        long free = throttledUntil(s, now);
        if (free > now) {
            b.due = free;
            batch.update(b);
            ctx.timerService().registerProcessingTimeTimer(free);
            return;
        }
        batch.clear();
        long total = b.mentions.size() + b.more;
        Notification n = notification(s, Ids.notification(s.id, Conditions.EVERY_MATCH, b.mentions.get(0).id), Alert.ACTIVE, now);
        n.alertId = n.id;
        n.title = s.displayName() + ": " + total + (total == 1 ? " new mention" : " new mentions");
        n.summary = total + (total == 1 ? " mention matched " : " mentions matched ") + String.join(", ", s.rules)
                + (b.more > 0 ? " (" + b.mentions.size() + " shown)" : "");
        n.mentions = b.mentions;
        n.figures.put("mentions", (double) total);
        Instant first = b.mentions.stream().map(m -> m.publishedAt).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(n.at);
        n.windowStart = first;
        n.windowEnd = n.at;
        ctx.output(ALERTS, state(n, Alert.ACTIVE, n.at));
        send(s, n, now, ctx, out);
    }

    // ---- threshold, volume spike, sentiment shift

    private void count(Subscription s, Hit hit, ReadOnlyContext ctx) throws Exception {
        Condition c = s.condition;
        long step = Conditions.stepMillis(c);
        long start = Math.floorDiv(hit.eventTime, step) * step;
        Tally t = steps.get(start);
        if (t == null) t = new Tally();
        t.add(hit, c);
        steps.put(start, t);
        if (firstSeen.value() == null || start < firstSeen.value()) firstSeen.update(start);
        if (Conditions.VOLUME_SPIKE.equals(c.type)) {
            long hour = Math.floorDiv(hit.eventTime, HOUR) * HOUR;
            Long n = hours.get(hour);
            hours.put(hour, n == null ? 1 : n + 1);
        }
        Kept.Top top = recent.value();
        if (top == null) top = new Kept.Top();
        top.add(hit.mention);
        recent.update(top);
        ctx.timerService().registerEventTimeTimer(start + step);
    }

    /**
     * At the end of a step: does the condition hold over the window that ends here? Each step is judged once, in order: a
     * late mention counts in its step, and so in the windows judged after it, but sets off no second judgement of a
     * window already judged (which would raise and complete its alert again).
     */
    private void judge(Subscription s, long end, OnTimerContext ctx, Collector<Notification> out) throws Exception {
        Long judged = lastJudged.value();
        if (judged != null && end <= judged) return;
        lastJudged.update(end);
        Condition c = s.condition;
        long window = c.window.toMillis();
        Map<String, Double> figures = new LinkedHashMap<>();
        boolean holds = switch (c.type) {
            case Conditions.THRESHOLD -> {
                long n = sum(end - window, end).filtered;
                figures.put("mentions", (double) n);
                figures.put("threshold", (double) c.count);
                yield n >= c.count;
            }
            case Conditions.VOLUME_SPIKE -> spike(c, end, figures);
            default -> shift(c, end, figures);
        };
        Kept.Open current = open.value();
        if (holds && current == null) raise(s, end, figures, ctx, out);
        else if (!holds && current != null) complete(s, current, end, figures, ctx, out);
        long keepFrom = end - (long) (c.baselineWindows == null ? 1 : c.baselineWindows + 1) * window;
        List<Long> old = new ArrayList<>();
        for (Long start : steps.keys()) if (start < keepFrom) old.add(start);
        for (Long start : old) steps.remove(start);
        List<Long> oldHours = new ArrayList<>();
        for (Long hour : hours.keys()) if (hour < end - 8 * DAY) oldHours.add(hour);
        for (Long hour : oldHours) hours.remove(hour);
        Kept.Top top = recent.value();
        if (top != null) {
            top.dropBefore(end - window);
            recent.update(top);
        }
        // Judged again at the next step while anything is counted or raised, so an alert completes when counts fall away.
        if (open.value() != null || steps.keys().iterator().hasNext()) ctx.timerService().registerEventTimeTimer(end + Conditions.stepMillis(c));
    }

    private boolean spike(Condition c, long end, Map<String, Double> figures) throws Exception {
        long window = c.window.toMillis();
        long current = sum(end - window, end).all;
        long first = firstSeen.value() == null ? end : firstSeen.value();
        List<Double> earlier = new ArrayList<>();
        for (int i = 1; i <= c.baselineWindows; i++) {
            long from = end - (i + 1) * window;
            if (from >= first) earlier.add((double) sum(from, from + window).all);
        }
        // The same window a day and a week earlier, where that much history is kept (whole-hour windows; kept by the
        // hour, so each hour counts for the part of it the window covers).
        if (window % HOUR == 0) {
            for (long back : new long[] {DAY, 7 * DAY}) {
                long from = end - back - window;
                if (hasHours(from)) earlier.add(hourSum(from, from + window));
            }
        }
        figures.put("mentions", (double) current);
        if (earlier.size() < Conditions.MIN_BASELINE_WINDOWS) {
            figures.put("baselineWindows", (double) earlier.size());
            return false;
        }
        Baseline baseline = Baseline.of(earlier);
        figures.put("baseline", round(baseline.mean()));
        figures.put("sigma", round(baseline.sigma()));
        figures.put("limit", round(baseline.limit(c.k)));
        figures.put("k", c.k);
        boolean spike = current >= c.minVolume && current > baseline.limit(c.k);
        if (spike && open.value() == null && lastRaised.value() != null && end - lastRaised.value() < c.cooldown.toMillis()) return false;
        return spike || open.value() != null && current > baseline.mean() + baseline.sigma(); // clears once back within σ
    }

    private boolean shift(Condition c, long end, Map<String, Double> figures) throws Exception {
        long window = c.window.toMillis();
        Tally now = sum(end - window, end);
        Tally before = sum(end - (c.baselineWindows + 1) * window, end - window);
        figures.put("mentions", (double) now.all);
        figures.put("negativeShare", round(now.negativeShare()));
        figures.put("net", round(now.net()));
        if (now.all < c.count) return false;
        boolean share = c.negativeShare != null && now.negativeShare() >= c.negativeShare;
        boolean drop = false;
        if (c.netDrop != null && before.all >= c.count) {
            figures.put("baselineNet", round(before.net()));
            drop = before.net() - now.net() >= c.netDrop;
        }
        return share || drop;
    }

    private void raise(Subscription s, long end, Map<String, Double> figures, OnTimerContext ctx, Collector<Notification> out) throws Exception {
        Condition c = s.condition;
        Kept.Open o = new Kept.Open();
        o.alertId = s.id + ":" + c.type + ":" + end;
        o.raisedAt = end;
        o.windowStart = end - c.window.toMillis();
        o.summary = describe(c, figures);
        open.update(o);
        lastRaised.update(end);
        Notification n = notification(s, Ids.notification(o.alertId, Alert.ACTIVE), Alert.ACTIVE, end);
        n.alertId = o.alertId;
        n.title = s.displayName() + ": " + headline(c);
        n.summary = o.summary;
        n.figures = figures;
        n.windowStart = Instant.ofEpochMilli(o.windowStart);
        n.windowEnd = Instant.ofEpochMilli(end);
        Kept.Top top = recent.value();
        if (top != null) n.mentions = top.mentions;
        ctx.output(ALERTS, state(n, Alert.ACTIVE, n.at));
        if (throttledUntil(s, ctx.timerService().currentProcessingTime()) <= ctx.timerService().currentProcessingTime()) {
            send(s, n, ctx.timerService().currentProcessingTime(), ctx, out);
        }
    }

    private void complete(Subscription s, Kept.Open o, long end, Map<String, Double> figures, OnTimerContext ctx, Collector<Notification> out)
            throws Exception {
        open.clear();
        Notification n = notification(s, Ids.notification(o.alertId, Alert.COMPLETED), Alert.COMPLETED, end);
        n.alertId = o.alertId;
        n.title = s.displayName() + ": back to normal";
        n.summary = "cleared (" + headline(s.condition) + " since " + Instant.ofEpochMilli(o.raisedAt) + "); now " + describe(s.condition, figures);
        n.figures = figures;
        n.windowStart = Instant.ofEpochMilli(o.windowStart);
        n.windowEnd = Instant.ofEpochMilli(end);
        Alert a = state(n, Alert.COMPLETED, n.at);
        a.raisedAt = Instant.ofEpochMilli(o.raisedAt);
        a.summary = o.summary;
        ctx.output(ALERTS, a);
        send(s, n, ctx.timerService().currentProcessingTime(), ctx, out);
    }

    // ---- digest

    private void collect(Subscription s, Hit hit, ReadOnlyContext ctx) throws Exception {
        long end = Periods.nextDigest(hit.eventTime, s.condition, SubscriptionCheck.zone(s.zone));
        Kept.Period p = periods.get(end);
        if (p == null) p = new Kept.Period();
        p.add(hit);
        periods.put(end, p);
        ctx.timerService().registerEventTimeTimer(end);
    }

    private void digest(Subscription s, long end, OnTimerContext ctx, Collector<Notification> out) throws Exception {
        Condition c = s.condition;
        Kept.Period p = periods.get(end);
        if (p == null) p = new Kept.Period();
        periods.remove(end);
        Kept.Period before = previousPeriod.value();
        String alertId = s.id + ":digest:" + end;
        Notification n = notification(s, Ids.notification(alertId), Alert.ACTIVE, end);
        n.alertId = alertId;
        n.windowStart = Instant.ofEpochMilli(end - Periods.digestLength(c));
        n.windowEnd = Instant.ofEpochMilli(end);
        long previous = before == null ? 0 : before.tally.all;
        n.title = s.displayName() + ": " + c.every + " digest, " + p.tally.all + (p.tally.all == 1 ? " mention" : " mentions");
        n.summary = p.tally.all + " mentions (" + change(p.tally.all, previous) + " on the period before); "
                + p.tally.positive + " positive, " + p.tally.neutral + " neutral, " + p.tally.negative + " negative";
        n.figures.put("mentions", (double) p.tally.all);
        n.figures.put("previous", (double) previous);
        n.figures.put("positive", (double) p.tally.positive);
        n.figures.put("neutral", (double) p.tally.neutral);
        n.figures.put("negative", (double) p.tally.negative);
        n.mentions = p.top.mentions;
        Map<String, Long> earlier = before == null ? Map.of() : before.terms;
        n.terms = p.terms.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).map(e -> new Notification.TermCount(e.getKey(), e.getValue(), earlier.getOrDefault(e.getKey(), 0L))).toList();
        previousPeriod.update(p);
        ctx.output(ALERTS, state(n, Alert.ACTIVE, n.at));
        send(s, n, ctx.timerService().currentProcessingTime(), ctx, out);
        // The next digest comes even if nothing is said: a quiet day is news too. Not past the end of a bounded input.
        if (ctx.timerService().currentWatermark() < Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(Periods.nextDigest(end, c, SubscriptionCheck.zone(s.zone)));
        }
    }

    // ---- sending

    /** Out now, or held until the quiet hours end. */
    private void send(Subscription s, Notification n, long now, ReadOnlyContext ctx, Collector<Notification> out) throws Exception {
        long quietUntil = Periods.quietUntil(now, s.quietHours, SubscriptionCheck.zone(s.zone));
        if (quietUntil > 0) {
            held.add(Json.toString(n));
            ctx.timerService().registerProcessingTimeTimer(quietUntil);
            return;
        }
        lastNotified.update(now);
        out.collect(n);
    }

    private void release(Subscription s, long now, OnTimerContext ctx, Collector<Notification> out) throws Exception {
        if (Periods.quietUntil(now, s.quietHours, SubscriptionCheck.zone(s.zone)) > 0) return;
        List<String> waiting = new ArrayList<>();
        for (String json : held.get()) waiting.add(json);
        if (waiting.isEmpty()) return;
        held.clear();
        for (String json : waiting) out.collect(Json.mapper().readValue(json, Notification.class));
        lastNotified.update(now);
    }

    private long throttledUntil(Subscription s, long now) throws Exception {
        Long last = lastNotified.value();
        return s.throttle == null || last == null ? now : Math.max(now, last + s.throttle.toMillis());
    }

    // ---- helpers

    private Subscription subscription(String id, String json) {
        return json == null ? null : live.get(id, json);
    }

    private Tally sum(long from, long to) throws Exception {
        Tally total = new Tally();
        for (Map.Entry<Long, Tally> e : steps.entries()) if (e.getKey() >= from && e.getKey() < to) total.addAll(e.getValue());
        return total;
    }

    private boolean hasHours(long from) throws Exception {
        for (Long hour : hours.keys()) if (hour <= from) return true;
        return false;
    }

    private double hourSum(long from, long to) throws Exception {
        double n = 0;
        for (Map.Entry<Long, Long> e : hours.entries()) {
            long overlap = Math.min(e.getKey() + HOUR, to) - Math.max(e.getKey(), from);
            if (overlap > 0) n += e.getValue() * (double) overlap / HOUR;
        }
        return n;
    }

    private void clear() {
        batch.clear();
        steps.clear();
        hours.clear();
        firstSeen.clear();
        lastJudged.clear();
        open.clear();
        lastRaised.clear();
        lastNotified.clear();
        recent.clear();
        periods.clear();
        previousPeriod.clear();
        held.clear();
        known.clear();
    }

    private static Notification notification(Subscription s, String id, String state, long at) {
        Notification n = new Notification();
        n.id = id;
        n.subscriptionId = s.id;
        n.subscriptionName = s.displayName();
        n.kind = s.condition.type;
        n.state = state;
        n.ruleIds = s.rules;
        n.at = Instant.ofEpochMilli(at);
        n.channels = s.channels;
        return n;
    }

    private static Alert state(Notification n, String state, Instant at) {
        Alert a = new Alert();
        a.alertId = n.alertId;
        a.subscriptionId = n.subscriptionId;
        a.ruleIds = n.ruleIds;
        a.kind = n.kind;
        a.state = state;
        a.raisedAt = at;
        a.changedAt = at;
        a.windowStart = n.windowStart;
        a.windowEnd = n.windowEnd;
        a.summary = n.subscriptionName + ": " + n.summary; // the kind has a column of its own
        a.details = Json.toString(n.figures);
        return a;
    }

    private static String headline(Condition c) {
        return switch (c.type) {
            case Conditions.THRESHOLD -> "threshold reached";
            case Conditions.VOLUME_SPIKE -> "volume spike";
            default -> "sentiment shift";
        };
    }

    private static String describe(Condition c, Map<String, Double> f) {
        String window = human(c.window);
        return switch (c.type) {
            case Conditions.THRESHOLD -> fmt(f.get("mentions")) + " mentions in " + window + " (threshold " + c.count + ")";
            case Conditions.VOLUME_SPIKE -> fmt(f.get("mentions")) + " mentions in " + window + " against a usual "
                    + (f.containsKey("baseline") ? fmt(f.get("baseline")) + " ± " + fmt(f.get("sigma")) : "(no baseline yet)");
            default -> String.format(Locale.ROOT, "%.0f%% negative of %s mentions in %s, net sentiment %+.0f", f.get("negativeShare"),
                    fmt(f.get("mentions")), window, f.get("net")) + (f.containsKey("baselineNet")
                    ? String.format(Locale.ROOT, " (usually %+.0f)", f.get("baselineNet")) : "");
        };
    }

    private static String change(long now, long before) {
        if (before == 0) return now == 0 ? "no change" : "up from none";
        return String.format(Locale.ROOT, "%+.0f%%", 100.0 * (now - before) / before);
    }

    static String human(Duration d) {
        if (d.toMillis() % DAY == 0) return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        if (d.toMillis() % HOUR == 0) return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        if (d.toMillis() % 60_000 == 0) return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
        return d.toSeconds() + " s";
    }

    private static String fmt(Double v) {
        return v == null ? "?" : v == Math.rint(v) ? String.valueOf(v.longValue()) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
