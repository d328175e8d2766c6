package org.earshot.pipeline.ingest.poll;

import java.time.Instant;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.PoliteHttp;

/**
 * One network's way of asking for what is new since a cursor. Stateless: everything it must
 * remember goes in the returned cursors, which live in Flink checkpoints.
 */
public interface Poller {
    Poll poll(Cursor cursor, PoliteHttp http, Instant now) throws FetchException, InterruptedException;
}
