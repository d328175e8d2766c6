package org.earshot.pipeline.ingest.poll;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.Fetched;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.pipeline.ingest.parse.MastodonStatuses;
import org.earshot.pipeline.ingest.parse.Positioned;

/**
 * A Mastodon hashtag or public timeline over REST. The first poll takes the newest page; each
 * later one asks for the statuses right after the newest seen ({@code min_id}), oldest first, and
 * asks again at once while pages come back full, so a burst is caught up without gaps.
 */
final class MastodonPoller implements Poller {
    static final int PAGE = 40;
    static final String NEWEST = "min_id";

    private final SourceSpec spec;

    MastodonPoller(SourceSpec spec) {
        this.spec = spec;
    }

    @Override
    public Poll poll(Cursor cursor, PoliteHttp http, Instant now) throws FetchException, InterruptedException {
        String newest = cursor.get(NEWEST);
        URI uri = URI.create(spec.base() + path() + "limit=" + PAGE + (newest == null ? "" : "&min_id=" + encode(newest)));
        Fetched response = http.get(uri, Map.of("Accept", "application/json"));
        List<Positioned> page = new ArrayList<>(MastodonStatuses.timeline(response.uri(), response.body(), now));
        // Without min_id the page is newest first; with it, Mastodon still lists newest first.
        page.sort((a, b) -> compareIds(a.position(), b.position()));
        List<Polled> steps = new ArrayList<>();
        Cursor at = cursor;
        for (Positioned p : page) {
            if (p.position() == null || (newest != null && compareIds(p.position(), newest) <= 0)) continue;
            at = at.with(NEWEST, p.position());
            steps.add(new Polled(p.record(), at));
        }
        Duration wait = page.size() >= PAGE ? Duration.ZERO : spec.every();
        return new Poll(steps, at, wait);
    }

    private String path() {
        return spec.tag() != null ? "/api/v1/timelines/tag/" + encode(spec.tag()) + "?" : "/api/v1/timelines/public?";
    }

    /** Mastodon ids are numeric strings that may exceed a long: longer is newer, then lexical. */
    static int compareIds(String a, String b) {
        if (a.length() != b.length()) return Integer.compare(a.length(), b.length());
        return a.compareTo(b);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
