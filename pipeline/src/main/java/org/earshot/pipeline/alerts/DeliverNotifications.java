package org.earshot.pipeline.alerts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.earshot.pipeline.kafka.RawRecord;
import org.earshot.schemas.Notification;
import org.earshot.schemas.Subscription.Channel;
import org.earshot.schemas.Topics;

/**
 * Delivers each notification read from {@code earshot.notifications} to each of its channels, without holding up the
 * job: attempts run on a few threads of their own; a failed one is tried again after a backoff that doubles, with
 * jitter (or after the receiver's Retry-After), up to {@link AlertsOptions#attempts()} tries; each channel gets at
 * most {@link AlertsOptions#perMinute()} a minute, the rest wait their turn. Every attempt carries the same
 * {@code webhook-id}. One {@link Outcome} per channel comes out.
 */
public final class DeliverNotifications extends RichAsyncFunction<RawRecord, Outcome> {
    /** Tries in flight at once: each waits for its receiver (up to the timeout) on a thread of its own. */
    static final int THREADS = 32;
    private final AlertsOptions options;

    private transient ScheduledExecutorService threads;
    private transient Deliverer deliverer;
    private transient Map<String, Long> nextSlot;

    public DeliverNotifications(AlertsOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext context) {
        AtomicInteger count = new AtomicInteger();
        threads = Executors.newScheduledThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "earshot-alert-delivery-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        deliverer = new Deliverer(options, new Messages(options.templates() == null ? null : Path.of(options.templates())));
        nextSlot = new ConcurrentHashMap<>();
    }

    @Override
    public void asyncInvoke(RawRecord record, ResultFuture<Outcome> result) {
        Notification n;
        try {
            n = Topics.NOTIFICATIONS.deserialize(record.value);
            if (n == null || n.id == null || n.channels == null) throw new IOException("it has no id or no channels");
        } catch (IOException e) {
            Outcome o = outcome(record, null, null);
            o.error = "not a notification: " + e.getMessage();
            result.complete(List.of(o));
            return;
        }
        List<CompletableFuture<Outcome>> each = new ArrayList<>();
        for (Channel channel : n.channels) {
            CompletableFuture<Outcome> done = new CompletableFuture<>();
            attempt(record, n, channel, 1, done);
            each.add(done);
        }
        CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenAccept(v -> result.complete(each.stream().map(CompletableFuture::join).toList()));
    }

    /** Flink gave up waiting: every channel still pending counts as failed, so the job goes on and the failure is kept. */
    @Override
    public void timeout(RawRecord record, ResultFuture<Outcome> result) {
        Outcome o = outcome(record, null, null);
        o.error = "delivery did not finish within its time";
        result.complete(List.of(o));
    }

    private void attempt(RawRecord record, Notification n, Channel channel, int attempt, CompletableFuture<Outcome> done) {
        long wait = slot(target(channel));
        threads.schedule(() -> {
            Outcome o = outcome(record, n, channel);
            o.attempts = attempt;
            try {
                deliverer.deliver(n, channel);
                o.delivered = true;
                o.finishedAt = System.currentTimeMillis();
                done.complete(o);
            } catch (Deliverer.Failed e) {
                if (!e.retryable || attempt >= options.attempts()) {
                    o.error = e.getMessage() + (attempt > 1 ? " (after " + attempt + " attempts)" : "");
                    o.finishedAt = System.currentTimeMillis();
                    done.complete(o);
                    return;
                }
                long backoff = options.backoff().toMillis() << Math.min(attempt - 1, 16);
                long jittered = (long) (backoff * (0.5 + ThreadLocalRandom.current().nextDouble()));
                long delay = e.retryAfter == null ? jittered : Math.max(jittered, e.retryAfter.toMillis());
                threads.schedule(() -> attempt(record, n, channel, attempt + 1, done), delay, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                o.error = "interrupted";
                done.complete(o);
            } catch (RuntimeException e) {
                o.error = "delivery failed: " + e;
                done.complete(o);
            }
        }, wait, TimeUnit.MILLISECONDS);
    }

    /** How long until this channel may be sent to again; takes the slot. */
    private long slot(String target) {
        long spacing = 60_000L / options.perMinute();
        long now = System.currentTimeMillis();
        long[] at = new long[1];
        nextSlot.compute(target, (k, next) -> {
            at[0] = next == null ? now : Math.max(next, now);
            return at[0] + spacing;
        });
        return at[0] - now;
    }

    static String target(Channel c) {
        return c.type + " " + (c.url != null ? c.url : String.join(",", c.to == null ? List.of() : c.to));
    }

    private static Outcome outcome(RawRecord record, Notification n, Channel channel) {
        Outcome o = new Outcome();
        if (n != null) {
            o.notificationId = n.id;
            o.alertId = n.alertId;
            o.subscriptionId = n.subscriptionId;
            o.kind = n.kind;
        }
        o.channel = channel == null ? null : target(channel);
        o.record = record.value;
        o.partition = record.partition;
        o.offset = record.offset;
        return o;
    }

    @Override
    public void close() {
        if (threads != null) threads.shutdownNow();
        if (deliverer != null) deliverer.close();
    }
}
