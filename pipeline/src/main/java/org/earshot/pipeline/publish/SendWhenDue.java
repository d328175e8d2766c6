package org.earshot.pipeline.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.earshot.pipeline.kafka.EndsAtStart;
import org.earshot.schemas.Json;
import org.earshot.schemas.Publication;
import org.earshot.schemas.PublicationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's queue, keyed by account: each publication waits in state until it is due (a processing-time timer at
 * its scheduled time, which a checkpoint keeps, so a post due while the job was down goes out when it is back), then
 * goes out through the account's {@link Network}, one post at a time at the account's pace. A cancel that comes first
 * removes it; a retryable failure waits for the backoff or the network's rate-limit reset and tries again; anything
 * else is a {@code failed} result naming the problem. Every publication ends in exactly one result.
 *
 * <p>Nothing is sent before the topic has been read up to where it ended at the (re)start ({@link CaughtUp}), so a
 * cancel that waited in the topic is seen before its post falls due. That needs every record in one place: the job
 * runs its source and this function on one subtask (publications are few).
 *
 * <p>A restart can repeat a send whose result the last checkpoint did not hold. The network then sees the same id
 * (Mastodon's Idempotency-Key, Bluesky's record key) and makes no second post.
 */
public final class SendWhenDue extends KeyedProcessFunction<String, Request, PublicationResult> implements CheckpointedFunction {
    private static final Logger LOG = LoggerFactory.getLogger(SendWhenDue.class);
    /** A scheduled time this far ahead is a mistake (a year typed wrong), not a plan. */
    static final Duration FURTHEST = Duration.ofDays(366);
    /** How long a finished id is remembered, so that the same record read again (a replay, a re-put) goes out once. */
    static final Duration REMEMBERED = Duration.ofDays(30);

    /** How soon a due post looks again whether the topic has been read up to its end at start. */
    private static final long WAIT_FOR_TOPIC_MS = 200;

    private final PublishOptions options;
    private final EndsAtStart endsAtStart;
    private transient CaughtUp caughtUp;
    private transient ListState<CaughtUp.Position> positions;
    private transient MapState<String, Pending> pending;
    private transient MapState<String, String> finished;
    private transient ValueState<Long> nextSend;
    private transient Networks networks;

    /** @param endsAtStart where {@code earshot.publications} ends when the job starts: nothing is sent before it is read that far */
    public SendWhenDue(PublishOptions options, EndsAtStart endsAtStart) {
        this.options = options;
        this.endsAtStart = endsAtStart;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        caughtUp = new CaughtUp(endsAtStart);
        positions = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("publications-read", Types.POJO(CaughtUp.Position.class)));
        caughtUp.restore(positions.get());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        positions.update(caughtUp.positions());
    }

    @Override
    public void open(OpenContext context) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.STRING, Types.POJO(Pending.class)));
        MapStateDescriptor<String, String> done = new MapStateDescriptor<>("finished", Types.STRING, Types.STRING);
        done.enableTimeToLive(StateTtlConfig.newBuilder(REMEMBERED).build());
        finished = getRuntimeContext().getMapState(done);
        nextSend = getRuntimeContext().getState(new ValueStateDescriptor<>("next-send", Types.LONG));
        networks = new Networks(options);
    }

    @Override
    public void close() {
        if (networks != null) networks.close();
    }

    @Override
    public void processElement(Request request, Context ctx, Collector<PublicationResult> out) throws Exception {
        caughtUp.read(request.partition, request.offset);
        Publication p = Json.mapper().readValue(request.json, Publication.class);
        long now = ctx.timerService().currentProcessingTime();
        if (finished.contains(p.id)) {
            LOG.info("publication {} already {}; its record again is passed over", p.id, finished.get(p.id));
            return;
        }
        if (Publication.CANCELLED.equals(p.status)) {
            pending.remove(p.id);
            finish(p, result(p, PublicationResult.CANCELLED, now, 0), out);
            return;
        }
        String refusal = refusal(p);
        if (refusal != null) {
            PublicationResult failed = result(p, PublicationResult.FAILED, now, 0);
            failed.error = refusal;
            finish(p, failed, out);
            return;
        }
        Pending previous = pending.get(p.id);
        long due = p.scheduledAt == null ? now : Math.max(now, p.scheduledAt.toEpochMilli());
        pending.put(p.id, new Pending(request.json, due, previous == null ? 0 : previous.attempts));
        ctx.timerService().registerProcessingTimeTimer(due);
    }

    /** What makes a publication impossible before any network is asked: a time too far past or ahead. */
    String refusal(Publication p) {
        if (p.scheduledAt == null) return null;
        Instant asked = p.createdAt == null ? p.scheduledAt : p.createdAt;
        if (p.scheduledAt.isBefore(asked.minus(options.grace()))) {
            return "scheduledAt " + p.scheduledAt + " is " + words(Duration.between(p.scheduledAt, asked)) + " before it was asked for ("
                    + asked + "); the grace period is " + words(options.grace());
        }
        if (p.scheduledAt.isAfter(asked.plus(FURTHEST))) return "scheduledAt " + p.scheduledAt + " is more than a year ahead";
        return null;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PublicationResult> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (!caughtUp.now()) {
            ctx.timerService().registerProcessingTimeTimer(now + WAIT_FOR_TOPIC_MS);
            return;
        }
        Long paced = nextSend.value();
        if (paced != null && paced > now) {
            ctx.timerService().registerProcessingTimeTimer(paced);
            return;
        }
        Map.Entry<String, Pending> next = earliest();
        if (next == null || next.getValue().dueAt > now) return;
        Pending waiting = next.getValue();
        Publication p = Json.mapper().readValue(waiting.json, Publication.class);
        Attempt attempt = send(p);
        int attempts = waiting.attempts + (attempt.tried ? 1 : 0);
        long after = now + options.interval().toMillis();
        if (attempt.sent != null) {
            PublicationResult posted = result(p, PublicationResult.POSTED, System.currentTimeMillis(), attempts);
            posted.remoteId = attempt.sent.remoteId();
            posted.url = attempt.sent.url();
            pending.remove(p.id);
            finish(p, posted, out);
        } else if (attempt.failure.retryable && attempts < options.attempts()) {
            long retryAt = attempt.failure.retryAt != null ? Math.max(now, attempt.failure.retryAt.toEpochMilli()) : now + backoff(attempts);
            if (attempt.failure.retryAt != null) after = Math.max(after, retryAt); // a rate limit holds the whole account
            LOG.warn("publication {} from {}: try {} failed ({}); next try at {}", p.id, p.account, attempts, attempt.failure.getMessage(),
                    Instant.ofEpochMilli(retryAt));
            pending.put(p.id, new Pending(waiting.json, retryAt, attempts));
            ctx.timerService().registerProcessingTimeTimer(retryAt);
        } else {
            PublicationResult failed = result(p, PublicationResult.FAILED, System.currentTimeMillis(), attempts);
            failed.error = attempt.failure.getMessage() + (attempt.failure.retryable ? " (after " + attempts + " tries)" : "");
            pending.remove(p.id);
            finish(p, failed, out);
        }
        nextSend.update(after);
        Map.Entry<String, Pending> then = earliest();
        if (then != null) ctx.timerService().registerProcessingTimeTimer(Math.max(after, then.getValue().dueAt));
    }

    /** One try: the limits, the media, the post. {@code tried} says whether the network was asked to post. */
    private record Attempt(Network.Sent sent, PublishFailure failure, boolean tried) {}

    private Attempt send(Publication p) throws InterruptedException {
        try {
            Network network = networks.of(p.account, p.network);
            List<MediaFile> media = new ArrayList<>();
            for (Publication.Media m : p.media) {
                try {
                    media.add(MediaFile.load(m, networks.media()));
                } catch (IOException e) {
                    return new Attempt(null, PublishFailure.refused(e.getMessage()), false);
                }
            }
            String refusal = (p.text == null || p.text.isBlank()) && media.isEmpty() ? "the post is empty: no text and no media"
                    : network.limits().refusal(p.text, media);
            if (refusal != null) return new Attempt(null, PublishFailure.refused(refusal), false);
            return new Attempt(network.publish(p, media), null, true);
        } catch (PublishFailure f) {
            return new Attempt(null, f, true);
        } catch (UncheckedIOException | IllegalStateException e) {
            return new Attempt(null, PublishFailure.retry(e.getMessage(), null), true);
        }
    }

    private Map.Entry<String, Pending> earliest() throws Exception {
        Map.Entry<String, Pending> first = null;
        for (Map.Entry<String, Pending> e : pending.entries()) {
            if (first == null || e.getValue().dueAt < first.getValue().dueAt) first = e;
        }
        return first;
    }

    private long backoff(int attempts) {
        long base = options.backoff().toMillis() << Math.min(attempts - 1, 16);
        return base + ThreadLocalRandom.current().nextLong(Math.max(1, base / 4));
    }

    private void finish(Publication p, PublicationResult r, Collector<PublicationResult> out) throws Exception {
        finished.put(p.id, r.status);
        LOG.info("publication {} from {}: {}{}", p.id, p.account, r.status, r.error == null ? "" : " (" + r.error + ")");
        out.collect(r);
    }

    private static PublicationResult result(Publication p, String status, long at, int attempts) {
        PublicationResult r = PublicationResult.of(p, status, Instant.ofEpochMilli(at));
        r.attempts = attempts;
        return r;
    }

    static String words(Duration d) {
        if (d.toDays() >= 2) return d.toDays() + " days";
        if (d.toHours() >= 2) return d.toHours() + " hours";
        if (d.toMinutes() >= 2) return d.toMinutes() + " minutes";
        return d.toSeconds() + " seconds";
    }
}
