package org.earshot.pipeline.ingest.poll;

import java.time.Duration;
import java.util.List;

/** What one poll produced, in order, and how long to pause before the next one. */
public record Poll(List<Polled> steps, Cursor cursor, Duration pause) {
    public static Poll nothingNew(Cursor cursor, Duration pause) {
        return new Poll(List.of(), cursor, pause);
    }
}
