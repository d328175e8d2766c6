package org.earshot.pipeline.ingest.poll;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.pipeline.ingest.http.WebSocketMessages;
import org.earshot.pipeline.ingest.parse.JetstreamEvents;

/**
 * Bluesky through Jetstream, the JSON event stream of the firehose, asking only for posts. Each
 * poll connects with {@code cursor} = the last event time handed on (minus a second of overlap, so
 * a reconnect leaves no gap; events at or before the cursor are skipped, so it adds no
 * duplicate), takes what arrives for up to {@value #MAX_EVENTS} events or until the stream is
 * quiet, and closes. Jetstream keeps about a day of events, so a source stopped for hours resumes
 * where it stopped. Authors' DIDs become handles, names and follower counts through the AppView
 * ({@link ProfileCache}).
 */
final class JetstreamPoller implements Poller {
    static final int MAX_EVENTS = 5_000;
    static final Duration QUIET = Duration.ofMillis(500);
    static final Duration MAX_SESSION = Duration.ofSeconds(10);
    static final String TIME_US = "time_us";

    private final SourceSpec spec;
    private final ProfileCache profiles;

    JetstreamPoller(SourceSpec spec) {
        this.spec = spec;
        this.profiles = new ProfileCache(spec.profiles());
    }

    @Override
    public Poll poll(Cursor cursor, PoliteHttp http, Instant now) throws FetchException, InterruptedException {
        long last = cursor.getLong(TIME_US, -1);
        String query = "?wantedCollections=" + JetstreamEvents.POST + (last < 0 ? "" : "&cursor=" + Math.max(0, last - 1_000_000));
        URI uri = URI.create(spec.base() + (spec.url().getPath().endsWith("/subscribe") ? "" : "/subscribe") + query);
        List<Polled> steps = new ArrayList<>();
        Cursor at = cursor;
        long deadline = System.nanoTime() + MAX_SESSION.toNanos();
        try (WebSocketMessages messages = http.openWebSocket(uri)) {
            while (steps.size() < MAX_EVENTS && System.nanoTime() < deadline) {
                String next = messages.next(QUIET);
                if (next == null) break;
                byte[] message = next.getBytes(StandardCharsets.UTF_8);
                JetstreamEvents.Event event;
                try {
                    event = JetstreamEvents.parse(uri, message, now);
                } catch (FetchException malformed) {
                    steps.add(new Polled(Ingested.problem(JetstreamEvents.NETWORK, malformed.getMessage(), next), at));
                    continue;
                }
                if (event.timeUs() <= last) continue;
                last = event.timeUs();
                at = at.with(TIME_US, Long.toString(last));
                steps.add(new Polled(event.record(), at));
            }
        }
        profiles.fill(steps, http);
        if (cursor.get(TIME_US) == null && steps.isEmpty()) {
            // A fresh source starts live; from now on the cursor keeps every later event.
            at = at.with(TIME_US, Long.toString(now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000));
            steps.add(new Polled(null, at));
        }
        return new Poll(steps, at, steps.size() >= MAX_EVENTS ? Duration.ZERO : spec.every());
    }
}
