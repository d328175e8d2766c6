package org.earshot.pipeline.ingest.http;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Spaces requests to one host at least {@code interval} apart, however many sources share it
 * (twenty hashtag timelines on one Mastodon instance still ask it once a second).
 */
final class HostPacer {
    private final long intervalNanos;
    private final Map<String, Long> nextSlot = new HashMap<>();

    HostPacer(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Blocks until a request to {@code host} is polite. */
    void await(String host) throws InterruptedException {
        long wait;
        synchronized (this) {
            String key = host.toLowerCase(Locale.ROOT);
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot.getOrDefault(key, now));
            nextSlot.put(key, slot + intervalNanos);
            wait = slot - now;
        }
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
}
