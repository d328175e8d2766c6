package org.earshot.pipeline.aggregate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Truncating event times to the windows' minute and the terms' hour. */
final class Minutes {
    private Minutes() {}

    static Instant startOf(Instant time) {
        return time.truncatedTo(ChronoUnit.MINUTES);
    }

    static Instant hourOf(Instant time) {
        return time.truncatedTo(ChronoUnit.HOURS);
    }
}
