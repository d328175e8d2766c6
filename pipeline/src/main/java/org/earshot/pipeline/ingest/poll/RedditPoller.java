package org.earshot.pipeline.ingest.poll;

import java.net.URI;
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
 * A subreddit's new posts or a search's new results. Each poll reads the newest page, then pages
 * back with Reddit's {@code after} anchor until it reaches the newest post already handed on, and
 * hands on what is new, oldest first. Reddit's ids grow with time (base 36), so "already handed
 * on" is "not newer than that post": paging forward from it with {@code before} would stall for
 * good once that post is deleted or removed, since Reddit then lists nothing before it. The first
 * poll takes the newest page; a poll reads at most {@link #MAX_PAGES} pages (Reddit lists about
 * 1,000 items a listing anyway).
 */
final class RedditPoller implements Poller {
    static final int PAGE = 100;
    static final int MAX_PAGES = 10;
    /** The fullname of the newest post handed on. ({@code before}: the key's name when it was a paging anchor.) */
    static final String NEWEST = "before";

    private final SourceSpec spec;

    RedditPoller(SourceSpec spec) {
        this.spec = spec;
    }

    @Override
    public Poll poll(Cursor cursor, PoliteHttp http, Instant now) throws FetchException, InterruptedException {
        String newest = cursor.get(NEWEST);
        // Listings are newest first: collect back to the known, then hand on oldest first.
        List<Positioned> fresh = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            RedditListings.Page listing = page(http, after, now);
            boolean reachedKnown = false;
            for (Positioned p : listing.items()) {
                if (p.position() == null) continue;
                if (newest != null && !newer(p.position(), newest)) {
                    reachedKnown = true;
                    break;
                }
                fresh.add(p);
            }
            after = listing.after();
            if (reachedKnown || newest == null || after == null || listing.items().isEmpty()) break;
        }
        List<Polled> steps = new ArrayList<>();
        Cursor at = cursor;
        for (int i = fresh.size() - 1; i >= 0; i--) {
            Positioned p = fresh.get(i);
            at = at.with(NEWEST, p.position());
            steps.add(new Polled(p.record(), at));
        }
        return new Poll(steps, at, spec.every());
    }

    private RedditListings.Page page(PoliteHttp http, String after, Instant now) throws FetchException, InterruptedException {
        String listing = spec.subreddit() != null
                ? "/r/" + Query.encode(spec.subreddit()) + "/new.json?"
                : "/search.json?sort=new&q=" + Query.encode(spec.search()) + "&";
        URI uri = URI.create(spec.base() + listing + "limit=" + PAGE + "&raw_json=1" + (after == null ? "" : "&after=" + Query.encode(after)));
        Fetched response = http.get(uri, Map.of("Accept", "application/json"));
        return RedditListings.parse(response.uri(), response.body(), now);
    }

    /**
     * Whether fullname {@code a} ({@code t3_} and a base-36 id) is newer than {@code b}. Ids of
     * another kind, or not base 36, are newer unless equal: a repeat is better than a loss.
     */
    static boolean newer(String a, String b) {
        if (a.equals(b)) return false;
        int ua = a.indexOf('_');
        int ub = b.indexOf('_');
        if (ua < 0 || ub < 0 || !a.substring(0, ua).equals(b.substring(0, ub))) return true;
        try {
            return Long.parseLong(a.substring(ua + 1), 36) > Long.parseLong(b.substring(ub + 1), 36);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
