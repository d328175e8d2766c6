package org.earshot.dashboards.views;

import java.time.Duration;
import java.time.Instant;
import org.earshot.dashboards.server.ApiException;

/**
 * The time range of a view and the bucket its series are counted in. Unless asked, the bucket follows the range
 * (minutes up to three hours, hours up to a week, days beyond); asked for one too fine for the range, it is made
 * coarser, so a series never has more than a few thousand points and a long range is never refused.
 */
public record Period(Instant from, Instant to, Bucket bucket) {
    public enum Bucket {
        MINUTE(Duration.ofMinutes(1), Duration.ofDays(3), "toStartOfMinute(minute)"),
        HOUR(Duration.ofHours(1), Duration.ofDays(200), "toStartOfHour(minute)"),
        DAY(Duration.ofDays(1), null, "toDateTime(toStartOfDay(minute), 'UTC')");

        final Duration step;
        /** The longest range counted in this bucket; null for no limit. */
        final Duration longest;
        /** The SQL expression of a row's bucket in {@code rule_minute} and its views (a constant, never request text). */
        final String sql;

        Bucket(Duration step, Duration longest, String sql) {
            this.step = step;
            this.longest = longest;
            this.sql = sql;
        }

        public Duration step() {
            return step;
        }

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    private static final java.util.regex.Pattern LENGTH = java.util.regex.Pattern.compile("([1-9][0-9]{0,5})([mhd])");
    private static final Duration LONGEST = Duration.ofDays(3_660);

    /** A range's length written {@code 90m}, {@code 24h} or {@code 30d}, at most ten years; anything else is refused. */
    public static Duration length(String text) {
        java.util.regex.Matcher m = LENGTH.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = m.group(2).equals("m") ? Duration.ofMinutes(n) : m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofDays(n);
            if (d.compareTo(LONGEST) <= 0) return d;
        }
        throw new IllegalArgumentException("a length such as 90m, 24h or 30d (at most 3660d), not '" + text + "'");
    }

    /** The range asked for (the last 24 hours by default), bucketed as asked or as the range needs. */
    public static Period of(Instant from, Instant to, Bucket asked, Instant now) {
        Instant end = to != null ? to : now;
        Instant start = from != null ? from : end.minus(DEFAULT_RANGE);
        if (!start.isBefore(end)) throw ApiException.badRequest("parameter 'from' must be before 'to' (" + start + " is not before " + end + ")");
        Duration span = Duration.between(start, end);
        Bucket bucket = asked != null ? asked : span.compareTo(Duration.ofHours(3)) <= 0 ? Bucket.MINUTE
                : span.compareTo(Duration.ofDays(7)) <= 0 ? Bucket.HOUR : Bucket.DAY;
        while (bucket.longest != null && span.compareTo(bucket.longest) > 0) bucket = Bucket.values()[bucket.ordinal() + 1];
        return new Period(start, end, bucket);
    }

    /** The period just before this one, as long, in the same bucket: what a view compares with. */
    public Period previous() {
        Duration span = Duration.between(from, to);
        return new Period(from.minus(span), from, bucket);
    }
}
