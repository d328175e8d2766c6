package org.earshot.pipeline.alerts;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import org.earshot.schemas.Subscription.Condition;
import org.earshot.schemas.Subscription.QuietHours;

/** Local times of day: where a digest's periods end, and whether it is quiet. */
final class Periods {
    private Periods() {}

    /** The first end of a digest period strictly after {@code after}: hourly at the minute, daily at the time, weekly on the day. */
    static long nextDigest(long after, Condition c, ZoneId zone) {
        ZonedDateTime now = Instant.ofEpochMilli(after).atZone(zone);
        LocalTime at = LocalTime.parse(c.at);
        ZonedDateTime next = switch (c.every) {
            case "hourly" -> now.withMinute(at.getMinute()).withSecond(0).withNano(0);
            case "weekly" -> now.with(TemporalAdjusters.nextOrSame(DayOfWeek.valueOf(c.day.toUpperCase(Locale.ROOT)))).with(at);
            default -> now.with(at);
        };
        while (!next.isAfter(now)) {
            next = switch (c.every) {
                case "hourly" -> next.plusHours(1);
                case "weekly" -> next.plusWeeks(1);
                default -> next.plusDays(1);
            };
        }
        return next.toInstant().toEpochMilli();
    }

    /** The period's length, to find where the previous one began. */
    static long digestLength(Condition c) {
        return switch (c.every) {
            case "hourly" -> 3_600_000L;
            case "weekly" -> 7 * 86_400_000L;
            default -> 86_400_000L;
        };
    }

    /** When the quiet hours that hold {@code now} end, or -1 when {@code now} is not quiet. */
    static long quietUntil(long now, QuietHours quiet, ZoneId zone) {
        if (quiet == null) return -1;
        LocalTime from = LocalTime.parse(quiet.from());
        LocalTime to = LocalTime.parse(quiet.to());
        ZonedDateTime local = Instant.ofEpochMilli(now).atZone(zone);
        LocalTime t = local.toLocalTime();
        boolean quietNow = from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        if (!quietNow) return -1;
        ZonedDateTime end = local.with(to);
        if (!end.isAfter(local)) end = end.plusDays(1);
        return end.toInstant().toEpochMilli();
    }
}
