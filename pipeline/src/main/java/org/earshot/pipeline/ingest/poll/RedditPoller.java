package org.earshot.pipeline.ingest.poll;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.Fetched;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.pipeline.ingest.parse.Positioned;
import org.earshot.pipeline.ingest.parse.RedditListings;

/**
 * A subreddit's new posts or a search's new results. Reddit's {@code before} anchor asks for what
 * is newer than the newest fullname handed on; a full page means more are waiting, so it asks again
 * at once. The first poll takes the newest page.
 */
final class RedditPoller implements Poller {
    static final int PAGE = 100;
    static final String NEWEST = "before";

    private final SourceSpec spec;

    RedditPoller(SourceSpec spec) {
        this.spec = spec;
    }

    @Override
    public Poll poll(Cursor cursor, PoliteHttp http, Instant now) throws FetchException, InterruptedException {
        String newest = cursor.get(NEWEST);
        String query = spec.subreddit() != null
                ? "/r/" + Query.encode(spec.subreddit()) + "/new.json?"
                : "/search.json?sort=new&q=" + Query.encode(spec.search()) + "&";
        URI uri = URI.create(spec.base() + query + "limit=" + PAGE + "&raw_json=1" + (newest == null ? "" : "&before=" + Query.encode(newest)));
        Fetched response = http.get(uri, Map.of("Accept", "application/json"));
        RedditListings.Page page = RedditListings.parse(response.uri(), response.body(), now);
        List<Polled> steps = new ArrayList<>();
        Cursor at = cursor;
        List<Positioned> items = page.items();
        // Listings are newest first: hand on oldest first, each moving the anchor to itself.
        for (int i = items.size() - 1; i >= 0; i--) {
            Positioned p = items.get(i);
            if (p.position() == null || p.position().equals(newest)) continue;
            at = at.with(NEWEST, p.position());
            steps.add(new Polled(p.record(), at));
        }
        Duration wait = newest != null && items.size() >= PAGE ? Duration.ZERO : spec.every();
        return new Poll(steps, at, wait);
    }
}
