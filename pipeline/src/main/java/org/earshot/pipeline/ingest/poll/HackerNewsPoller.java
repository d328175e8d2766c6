package org.earshot.pipeline.ingest.poll;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.Fetched;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.pipeline.ingest.parse.HackerNewsItems;

/**
 * Hacker News by walking item ids: from the last one handed on up to {@code maxitem}, at most
 * {@value #BATCH} per poll (asking again at once while behind). A fresh source starts
 * {@value #BACKFILL} items back, not at item 1.
 */
final class HackerNewsPoller implements Poller {
    static final int BATCH = 50;
    static final int BACKFILL = 20;
    static final String LAST = "last";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SourceSpec spec;

    HackerNewsPoller(SourceSpec spec) {
        this.spec = spec;
    }

    @Override
    public Poll poll(Cursor cursor, PoliteHttp http, Instant now) throws FetchException, InterruptedException {
        long max = maxItem(http);
        long last = cursor.getLong(LAST, Math.max(0, max - BACKFILL));
        long end = Math.min(max, last + BATCH);
        List<Polled> steps = new ArrayList<>();
        Cursor at = cursor;
        for (long id = last + 1; id <= end; id++) {
            URI uri = URI.create(spec.base() + "/v0/item/" + id + ".json");
            Fetched response = http.get(uri, Map.of("Accept", "application/json"));
            Ingested item;
            try {
                item = HackerNewsItems.parse(response.uri(), response.body(), now);
            } catch (FetchException malformed) {
                item = Ingested.problem(HackerNewsItems.NETWORK, malformed.getMessage(), new String(response.body(), StandardCharsets.UTF_8));
            }
            at = at.with(LAST, Long.toString(id));
            steps.add(new Polled(item, at));
        }
        if (steps.isEmpty() && cursor.get(LAST) == null) {
            at = at.with(LAST, Long.toString(last));
            steps.add(new Polled(null, at));
        }
        return new Poll(steps, at, end < max ? Duration.ZERO : spec.every());
    }

    private long maxItem(PoliteHttp http) throws FetchException, InterruptedException {
        URI uri = URI.create(spec.base() + "/v0/maxitem.json");
        Fetched response = http.get(uri, Map.of("Accept", "application/json"));
        try {
            long max = JSON.readTree(response.body()).asLong(-1);
            if (max < 0) throw FetchException.malformed(uri, "maxitem is not a positive number", null);
            return max;
        } catch (IOException e) {
            if (e instanceof FetchException fe) throw fe;
            throw FetchException.malformed(uri, "maxitem is not a number", e);
        }
    }
}
