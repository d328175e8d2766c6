package org.earshot.pipeline.settings;

import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.flink.util.TimeUtils;

/**
 * Durations as users write them, always with a unit: {@code 30s}, {@code 30 s}, {@code 5min},
 * {@code 2h}, {@code 7d}, {@code 500ms}. A bare number is refused: Flink would read {@code 60} as
 * 60 milliseconds, and {@code earshot demo --for 60} ran for nothing and said nothing.
 */
public final class Durations {
    private static final Pattern BARE_NUMBER = Pattern.compile("\\s*[+-]?\\d+(\\.\\d+)?\\s*");

    private Durations() {}

    /**
     * The duration {@code value} says, or an IllegalArgumentException naming {@code what} (a
     * setting, an option, a field) and what to write instead.
     */
    public static Duration parse(String what, String value) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(what + " needs a duration such as 30s or 5min");
        if (BARE_NUMBER.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " is '" + value.strip() + "' without a unit; add a unit, e.g. " + value.strip() + "s or "
                    + value.strip() + "min");
        }
        try {
            return TimeUtils.parseDuration(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + " takes a duration such as 30s, 5min, 2h or 7d, not '" + value.strip() + "'");
        }
    }
}
