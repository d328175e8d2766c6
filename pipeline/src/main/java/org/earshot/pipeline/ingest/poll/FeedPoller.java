package org.earshot.pipeline.ingest.poll;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.Fetched;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.pipeline.ingest.parse.FeedDocuments;

/**
 * An RSS, Atom, RDF or JSON Feed URL. Asks with the last ETag and Last-Modified (a 304 costs the
 * publisher nothing), and hands on only items it has not handed on before: a feed has no paging,
 * so the cursor remembers a short hash of the last {@value #REMEMBERED} item ids, oldest first.
 */
final class FeedPoller implements Poller {
    static final int REMEMBERED = 1_000;
    static final String ETAG = "etag";
    static final String LAST_MODIFIED = "last-modified";
    static final String SEEN = "seen";

    private final SourceSpec spec;

    FeedPoller(SourceSpec spec) {
        this.spec = spec;
    }

    @Override
    public Poll poll(Cursor cursor, PoliteHttp http, Instant now) throws FetchException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8");
        if (cursor.get(ETAG) != null) headers.put("If-None-Match", cursor.get(ETAG));
        if (cursor.get(LAST_MODIFIED) != null) headers.put("If-Modified-Since", cursor.get(LAST_MODIFIED));
        Fetched response = http.get(spec.url(), headers);
        if (response.notModified()) return Poll.nothingNew(cursor, spec.every());
        List<Ingested> items = FeedDocuments.parse(response.uri(), response.body(), now);
        Deque<String> seen = new ArrayDeque<>();
        String remembered = cursor.get(SEEN);
        if (remembered != null && !remembered.isEmpty()) seen.addAll(List.of(remembered.split(" ")));
        Set<String> known = new HashSet<>(seen);
        List<Polled> steps = new ArrayList<>();
        Cursor at = cursor;
        // Feeds list newest first; hand on oldest first, so the order downstream is the publication order.
        for (int i = items.size() - 1; i >= 0; i--) {
            Ingested item = items.get(i);
            if (item.kind != Ingested.Kind.MENTION) {
                steps.add(new Polled(item, at));
                continue;
            }
            String key = shortHash(item.mention.id);
            if (!known.add(key)) continue;
            seen.addLast(key);
            while (seen.size() > REMEMBERED) seen.removeFirst();
            at = at.with(SEEN, String.join(" ", seen));
            steps.add(new Polled(item, at));
        }
        // The validators go in only once every item of this response is handed on.
        Cursor done = at.with(ETAG, response.header("ETag")).with(LAST_MODIFIED, response.header("Last-Modified"));
        steps.add(new Polled(null, done));
        return new Poll(steps, done, spec.every());
    }

    static String shortHash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
