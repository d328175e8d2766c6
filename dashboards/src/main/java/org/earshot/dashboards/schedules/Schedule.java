package org.earshot.dashboards.schedules;

import org.earshot.pipeline.mail.Mailer;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.earshot.dashboards.reports.ExportFormat;
import org.earshot.dashboards.views.Period;

/**
 * A report sent on a schedule: a rule's or a project's, every day or every week (on {@code weekday}) at a local
 * time in a time zone, as {@code format}, to its recipients. Each report covers the day or the week that ended
 * when it is due, in that zone (a day of 23 or 25 hours where the clocks change).
 *
 * @param scopeKind rule or project
 */
public record Schedule(String id, String scopeKind, String scopeId, ExportFormat format, Every every, DayOfWeek weekday, LocalTime at,
                       ZoneId zone, List<String> recipients, String owner, Instant created) {
    public enum Every { DAY, WEEK }

    /**
     * A new schedule from what a user typed, each part checked: {@code every} day or week, {@code weekday} (for a
     * week) such as monday, {@code at} as HH:mm, {@code zone} an IANA zone such as Europe/Berlin, the format, and
     * one or more addresses. Anything wrong is refused with what and why.
     */
    public static Schedule of(String scopeKind, String scopeId, String format, String every, String weekday, String at, String zone,
                              List<String> recipients, String owner, Instant now) {
        Every e = choice(Every.class, every, "every", "day or week");
        DayOfWeek day = null;
        if (e == Every.WEEK) {
            if (weekday == null) throw new IllegalArgumentException("a weekly report needs its weekday (monday … sunday)");
            day = choice(DayOfWeek.class, weekday, "weekday", "monday … sunday");
        }
        LocalTime time;
        try {
            time = LocalTime.parse(at == null ? "" : at);
        } catch (java.time.format.DateTimeParseException ex) {
            throw new IllegalArgumentException("'at' must be a local time such as 08:00, not '" + at + "'");
        }
        ZoneId z;
        try {
            z = ZoneId.of(zone == null ? "" : zone);
        } catch (java.time.DateTimeException ex) {
            throw new IllegalArgumentException("'zone' must be a time zone such as Europe/Berlin or UTC, not '" + zone + "'");
        }
        ExportFormat f = ExportFormat.of(format == null ? "pdf" : format);
        if (f.oneView) throw new IllegalArgumentException("a scheduled report is a whole report: pdf, pptx or xlsx, not " + f.extension());
        if (recipients == null || recipients.isEmpty()) throw new IllegalArgumentException("a scheduled report needs at least one recipient");
        List<String> to = recipients.stream().map(Mailer::address).distinct().toList();
        return new Schedule("sch_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12), scopeKind, scopeId, f, e, day,
                time, z, to, owner, now);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String name, String expected) {
        for (E c : type.getEnumConstants()) if (c.name().equalsIgnoreCase(value == null ? "" : value)) return c;
        throw new IllegalArgumentException("'" + name + "' must be " + expected + ", not '" + value + "'");
    }

    /** The schedule as the API shows it, with when it is next due after {@code now}. */
    public java.util.Map<String, Object> describe(Instant now) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", id);
        m.put(scopeKind, scopeId);
        m.put("format", format.extension());
        m.put("every", every.name().toLowerCase(java.util.Locale.ROOT));
        if (weekday != null) m.put("weekday", weekday.name().toLowerCase(java.util.Locale.ROOT));
        m.put("at", at.toString());
        m.put("zone", zone.getId());
        m.put("recipients", recipients);
        m.put("owner", owner);
        m.put("created", created.toString());
        Instant last = lastDue(now);
        m.put("next", (every == Every.DAY ? last.atZone(zone).plusDays(1) : last.atZone(zone).plusWeeks(1)).toLocalDate().atTime(at).atZone(zone)
                .toInstant().toString());
        return m;
    }

    /** The newest time this schedule was due at or before {@code now}. */
    public Instant lastDue(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime due = local.toLocalDate().atTime(at).atZone(zone);
        if (every == Every.WEEK) due = due.with(TemporalAdjusters.previousOrSame(weekday));
        if (due.toInstant().isAfter(now)) due = every == Every.DAY ? due.minusDays(1) : due.minusWeeks(1);
        // Re-anchored on the local date, so a clock change between two dues does not shift the time of day.
        return due.toLocalDate().atTime(at).atZone(zone).toInstant();
    }

    /** The period a report due at {@code due} covers: the day or week before it, in the schedule's zone. */
    public Period period(Instant due) {
        ZonedDateTime end = due.atZone(zone);
        ZonedDateTime start = every == Every.DAY ? end.minusDays(1) : end.minusWeeks(1);
        return Period.of(start.toInstant(), due, null, due);
    }
}
