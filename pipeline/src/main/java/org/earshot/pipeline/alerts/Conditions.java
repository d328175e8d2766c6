package org.earshot.pipeline.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.earshot.schemas.Subscription.Condition;

/** The kinds of condition, and each one's defaults: what an absent parameter means. */
public final class Conditions {
    public static final String EVERY_MATCH = "every-match";
    public static final String THRESHOLD = "threshold";
    public static final String VOLUME_SPIKE = "volume-spike";
    public static final String SENTIMENT_SHIFT = "sentiment-shift";
    public static final String DIGEST = "digest";
    public static final List<String> TYPES = List.of(EVERY_MATCH, THRESHOLD, VOLUME_SPIKE, SENTIMENT_SHIFT, DIGEST);

    /** A spike needs this many earlier windows of history before it can be judged. */
    static final int MIN_BASELINE_WINDOWS = 3;

    private Conditions() {}

    /** A copy with every absent parameter set to its default, so evaluation never asks. */
    public static Condition withDefaults(Condition c) {
        Condition d = new Condition(c.type);
        d.network = c.network;
        d.language = c.language;
        d.sentiment = c.sentiment;
        d.negativeShare = c.negativeShare;
        d.netDrop = c.netDrop;
        d.every = c.every;
        d.day = c.day;
        switch (c.type) {
            case EVERY_MATCH -> {
                d.maxMentions = or(c.maxMentions, 20);
                d.window = or(c.window, Duration.ofMinutes(1));
            }
            case THRESHOLD -> {
                d.count = or(c.count, 10);
                d.window = or(c.window, Duration.ofHours(1));
            }
            case VOLUME_SPIKE -> {
                d.window = or(c.window, Duration.ofHours(1));
                d.baselineWindows = or(c.baselineWindows, 12);
                d.sensitivity = or(c.sensitivity, "balanced");
                d.k = c.k != null ? c.k : k(d.sensitivity);
                d.minVolume = or(c.minVolume, 10);
                d.cooldown = or(c.cooldown, Duration.ofHours(1));
            }
            case SENTIMENT_SHIFT -> {
                d.window = or(c.window, Duration.ofHours(1));
                d.count = or(c.count, 20);
                d.baselineWindows = or(c.baselineWindows, 12);
                if (c.negativeShare == null && c.netDrop == null) d.negativeShare = 40.0;
            }
            case DIGEST -> {
                d.every = or(c.every, "daily");
                d.at = or(c.at, "08:00");
                d.day = or(c.day, "MONDAY");
            }
            default -> throw new IllegalArgumentException("condition.type '" + c.type + "' is none of " + String.join(", ", TYPES));
        }
        return d;
    }

    /** k of a spike's sensitivity: fewer alerts need a larger deviation. */
    static double k(String sensitivity) {
        return switch (sensitivity.toLowerCase(Locale.ROOT)) {
            case "fewer" -> 3.0;
            case "balanced" -> 2.0;
            case "more" -> 1.5;
            default -> throw new IllegalArgumentException("condition.sensitivity '" + sensitivity + "' is none of fewer, balanced, more");
        };
    }

    /**
     * How finely a window's counts are kept: a sixth of the window when that is whole seconds, else a second. A window
     * slides in sixths, and a day of hourly windows keeps 6 × 24 counts, not 1,440.
     */
    static long stepMillis(Condition c) {
        long window = c.window.toMillis();
        return window % 6_000 == 0 ? window / 6 : 1_000;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
