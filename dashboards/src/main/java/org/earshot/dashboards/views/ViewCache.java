package org.earshot.dashboards.views;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The views' answers, kept for a few seconds ({@code dashboards.cache}). A team watching a project asks the same
 * questions over and over: every open dashboard reloads its six views, and a relative range ("the last 24 hours")
 * ends at a "now" rounded down to the same few seconds ({@link #now()}), so all of them ask with the same key.
 * Requests for a key being computed wait for that answer rather than each asking ClickHouse again. An answer is
 * at most that old; a failure is not kept.
 */
public final class ViewCache {
    /** Keeps nothing: every request is answered from ClickHouse, and "now" is not rounded. */
    public static final ViewCache NONE = new ViewCache(Duration.ZERO);

    private final Duration keep;
    private final Cache<String, Map<String, Object>> answers;
    private final java.util.concurrent.atomic.AtomicLong computed = new java.util.concurrent.atomic.AtomicLong();

    public ViewCache(Duration keep) {
        this.keep = keep;
        this.answers = Caffeine.newBuilder().expireAfterWrite(keep).maximumSize(keep.isZero() ? 0 : 5_000).build();
    }

    /** The end of a range that ends now: now, rounded down to a multiple of the time answers are kept. */
    public Instant now() {
        long step = keep.toMillis();
        long now = System.currentTimeMillis();
        return Instant.ofEpochMilli(step == 0 ? now : now - now % step);
    }

    /** How many answers were computed rather than taken from the cache. */
    public long computed() {
        return computed.get();
    }

    /** The answer kept for {@code key}, or {@code answer}'s, kept. */
    Map<String, Object> get(String key, Answer answer) throws Exception {
        if (keep.isZero()) {
            computed.incrementAndGet();
            return answer.get();
        }
        try {
            return answers.get(key, k -> {
                computed.incrementAndGet();
                try {
                    return answer.get();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    interface Answer {
        Map<String, Object> get() throws Exception;
    }
}
