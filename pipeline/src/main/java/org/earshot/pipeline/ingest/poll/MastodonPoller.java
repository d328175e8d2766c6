package org.earshot.pipeline.ingest.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.Fetched;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.pipeline.ingest.parse.MastodonStatuses;
import org.earshot.pipeline.ingest.parse.Positioned;

/**
 * A Mastodon hashtag or public timeline. Over REST, the first poll takes the newest page; each
 * later one asks for the statuses right after the newest seen ({@code min_id}), oldest first, and
 * asks again at once while pages come back full, so a burst is caught up without gaps.
 *
 * <p>With a token, once caught up it also listens to the streaming API (server-sent events) for
 * one interval: {@code update} and {@code status.update} hand on the status at once, {@code
 * delete} hands on a deletion. The next REST catch-up fills anything the stream missed; statuses
 * the stream already handed on are remembered in the cursor and not handed on again.
 */
final class MastodonPoller implements Poller {
    static final int PAGE = 40;
    static final String NEWEST = "min_id";
    static final String STREAMED = "streamed";
    static final Duration MIN_SESSION = Duration.ofSeconds(5);
    static final Duration MAX_SESSION = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SourceSpec spec;

    MastodonPoller(SourceSpec spec) {
        this.spec = spec;
    }

    @Override
    public Poll poll(Cursor cursor, PoliteHttp http, Instant now) throws FetchException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        String token = Secrets.resolve(spec.token());
        if (token != null) headers.put("Authorization", "Bearer " + token);
        Poll rest = catchUp(cursor, http, now, headers);
        if (token == null || rest.pause().isZero()) return rest;
        List<Polled> steps = new ArrayList<>(rest.steps());
        Cursor at = stream(rest.cursor(), http, now, headers, steps);
        return new Poll(steps, at, Duration.ZERO);
    }

    private Poll catchUp(Cursor cursor, PoliteHttp http, Instant now, Map<String, String> headers) throws FetchException, InterruptedException {
        String newest = cursor.get(NEWEST);
        URI uri = URI.create(spec.base() + timeline() + "limit=" + PAGE + (newest == null ? "" : "&min_id=" + Query.encode(newest)));
        Fetched response = http.get(uri, headers);
        List<Positioned> page = new ArrayList<>(MastodonStatuses.timeline(response.uri(), response.body(), now));
        // Mastodon lists newest first, with or without min_id: hand on oldest first.
        page.sort((a, b) -> compareIds(a.position(), b.position()));
        Set<String> streamed = streamed(cursor);
        List<Polled> steps = new ArrayList<>();
        Cursor at = cursor;
        for (Positioned p : page) {
            if (p.position() == null || (newest != null && compareIds(p.position(), newest) <= 0)) continue;
            streamed.removeIf(id -> compareIds(id, p.position()) <= 0 && !id.equals(p.position()));
            boolean already = streamed.remove(p.position());
            at = at.with(NEWEST, p.position()).with(STREAMED, join(streamed));
            steps.add(new Polled(already ? null : p.record(), at));
        }
        Duration pause = page.size() >= PAGE ? Duration.ZERO : spec.every();
        return new Poll(steps, at, pause);
    }

    /** Listens for one interval; returns the cursor once every streamed record is handed on. */
    private Cursor stream(Cursor cursor, PoliteHttp http, Instant now, Map<String, String> headers, List<Polled> steps)
            throws FetchException, InterruptedException {
        URI uri = URI.create(spec.base() + (spec.tag() != null
                ? "/api/v1/streaming/hashtag?tag=" + Query.encode(spec.tag()) : "/api/v1/streaming/public"));
        Duration session = spec.every().compareTo(MIN_SESSION) < 0 ? MIN_SESSION
                : spec.every().compareTo(MAX_SESSION) > 0 ? MAX_SESSION : spec.every();
        Cursor[] at = {cursor};
        Set<String> streamed = streamed(cursor);
        String[] event = {null};
        StringBuilder data = new StringBuilder();
        http.streamLines(uri, headers, session, line -> {
            if (line.startsWith("event:")) {
                event[0] = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) data.append('\n');
                data.append(line.substring(5).strip());
            } else if (line.isEmpty() && event[0] != null) {
                Polled step = event(uri, event[0], data.toString(), at[0], streamed, now);
                if (step != null) {
                    at[0] = step.cursor();
                    steps.add(step);
                }
                event[0] = null;
                data.setLength(0);
            }
            return true;
        });
        return at[0];
    }

    private Polled event(URI from, String event, String data, Cursor at, Set<String> streamed, Instant now) {
        if (event.equals("delete")) return new Polled(Ingested.deletion(MastodonStatuses.mentionId(from, data.strip())), at);
        if (!event.equals("update") && !event.equals("status.update")) return null;
        JsonNode status;
        try {
            status = JSON.readTree(data);
        } catch (IOException e) {
            return new Polled(Ingested.problem(spec.id(), "malformed streaming " + event + " from " + from + ": " + e.getMessage().lines().findFirst().orElse(""), data), at);
        }
        String id = status.path("id").asText(null);
        String newest = at.get(NEWEST);
        boolean newer = id != null && (newest == null || compareIds(id, newest) > 0);
        if (event.equals("update") && (!newer || streamed.contains(id))) return null;
        if (event.equals("update")) streamed.add(id);
        Cursor next = at.with(STREAMED, join(streamed));
        return new Polled(MastodonStatuses.status(from, status, now), next);
    }

    private static Set<String> streamed(Cursor cursor) {
        String s = cursor.get(STREAMED);
        return s == null || s.isEmpty() ? new LinkedHashSet<>() : new LinkedHashSet<>(Arrays.asList(s.split(" ")));
    }

    private static String join(Set<String> ids) {
        return ids.isEmpty() ? null : String.join(" ", ids);
    }

    private String timeline() {
        return spec.tag() != null ? "/api/v1/timelines/tag/" + Query.encode(spec.tag()) + "?" : "/api/v1/timelines/public?";
    }

    /** Mastodon ids are numeric strings that may exceed a long: longer is newer, then lexical. */
    static int compareIds(String a, String b) {
        if (a.length() != b.length()) return Integer.compare(a.length(), b.length());
        return a.compareTo(b);
    }
}
