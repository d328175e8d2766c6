package org.earshot.dashboards.views;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.earshot.dashboards.Database;

/**
 * Where the views' counts per rule and minute come from, as a {@code FROM} clause: the minutes the Listen job's
 * windows have closed ({@code rule_minute}; for a day-bucketed range, its whole days from {@code rule_day}, a
 * thirtieth of the rows), and each rule's minutes after its last closed one counted from {@code mention_rules}
 * (what the view {@code rule_minute_whole} has, with the rules and the period pushed into every part). Every row
 * has rule_id, minute, network, lang, sentiment, mentions, reach and the four emotions (zero where open).
 */
final class Minutes {
    private static final String COLUMNS = "rule_id, minute, network, lang, sentiment, mentions, reach, anger, joy, optimism, sadness";

    /** A piece of SQL and the values of its placeholders, in order. */
    record Sql(String text, List<Object> params) {}

    /** A stretch of time to count, {@code [from, to)}; a cut inside it (or null) is where two compared periods meet. */
    record Span(Instant from, Instant to, Instant cut, Period.Bucket bucket) {
        static Span of(Period p) {
            return new Span(p.from(), p.to(), null, p.bucket());
        }

        /** The period and the one before it, cut where they meet. */
        static Span withPrevious(Period p) {
            return new Span(p.previous().from(), p.to(), p.from(), p.bucket());
        }
    }

    private final Database db;

    Minutes(Database db) {
        this.db = db;
    }

    /**
     * The minutes closed by the Listen job ({@code rule_minute}, whole days from {@code rule_day}) and the ones still
     * open after them ({@code mention_rules}), filtered: {@code FROM (…) AS w WHERE …}.
     */
    Sql whole(List<String> rules, Span span, Filter f) throws SQLException {
        List<String> ids = ids(rules);
        Map<String, Instant> closed = lastClosed(ids, span);
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        closedParts(ids, span, parts, params);
        // Each rule's open minutes: after its last closed one (the whole span for a rule with none closed in it).
        Instant earliestOpen = ids.stream().map(r -> closed.containsKey(r) ? closed.get(r).plus(Duration.ofMinutes(1)) : span.from())
                .min(Instant::compareTo).orElseThrow();
        if (span.to().isAfter(earliestOpen)) {
            StringBuilder open = new StringBuilder("SELECT m.rule_id AS rule_id, toDateTime(toStartOfMinute(m.published_at), 'UTC') AS minute, "
                    + "m.network AS network, m.lang AS lang, m.sentiment AS sentiment, toUInt64(1) AS mentions, m.reach AS reach, "
                    + "toUInt64(0) AS anger, toUInt64(0) AS joy, toUInt64(0) AS optimism, toUInt64(0) AS sadness FROM mention_rules AS m FINAL "
                    + "WHERE m.published_at >= " + Database.TIME + " AND m.published_at < " + Database.TIME + " AND (");
            params.add(span.from().isAfter(earliestOpen) ? span.from() : earliestOpen);
            params.add(span.to());
            for (int i = 0; i < ids.size(); i++) {
                open.append(i == 0 ? "" : " OR ").append("(m.rule_id = ? AND m.published_at >= ").append(Database.TIME).append(')');
                params.add(ids.get(i));
                params.add(closed.containsKey(ids.get(i)) ? closed.get(ids.get(i)).plus(Duration.ofMinutes(1)) : span.from());
            }
            parts.add(open.append(')').toString());
        }
        return from(parts, params, ids, span, f);
    }

    /** Only the minutes the Listen job has closed (the emotions are counted there only), filtered. */
    Sql closed(List<String> rules, Span span, Filter f) {
        List<String> ids = ids(rules);
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        closedParts(ids, span, parts, params);
        return from(parts, params, ids, span, f);
    }

    private static Sql from(List<String> parts, List<Object> params, List<String> ids, Span span, Filter f) {
        params.addAll(ids);
        params.add(span.from());
        params.add(span.to());
        params.addAll(f.params());
        return new Sql(" FROM (" + String.join(" UNION ALL ", parts) + ") AS w WHERE rule_id IN (" + Database.placeholders(ids.size())
                + ") AND minute >= " + Database.TIME + " AND minute < " + Database.TIME + f.sql(), params);
    }

    /**
     * {@code rule_minute} for the span, but for its whole days, read from {@code rule_day} when the series is by day.
     * Each part names its own ranges (rather than "not these days"), so that both read only their keys' ranges.
     */
    private static void closedParts(List<String> ids, Span span, List<String> parts, List<Object> params) {
        List<Instant[]> days = span.bucket() == Period.Bucket.DAY ? wholeDays(span) : List.of();
        List<Instant[]> minutes = new ArrayList<>();
        Instant start = span.from();
        for (Instant[] d : days) {
            add(minutes, start, d[0]);
            start = d[1];
        }
        add(minutes, start, span.to());
        if (!minutes.isEmpty()) parts.add(ranged("SELECT " + COLUMNS + " FROM rule_minute", "minute >= " + Database.TIME + " AND minute < "
                + Database.TIME, ids, minutes, params));
        if (!days.isEmpty()) parts.add(ranged("SELECT rule_id, toDateTime(day, 'UTC') AS minute, network, lang, sentiment, mentions, reach, "
                + "anger, joy, optimism, sadness FROM rule_day", "day >= toDate(" + Database.TIME + ") AND day < toDate(" + Database.TIME + ")",
                ids, days, params));
    }

    /** {@code select WHERE rule_id IN (…) AND (range OR range …)}, each range {@code condition} with its two instants. */
    private static String ranged(String select, String condition, List<String> ids, List<Instant[]> ranges, List<Object> params) {
        StringBuilder b = new StringBuilder(select).append(" WHERE rule_id IN (").append(Database.placeholders(ids.size())).append(") AND (");
        params.addAll(ids);
        for (int i = 0; i < ranges.size(); i++) {
            b.append(i == 0 ? "" : " OR ").append('(').append(condition).append(')');
            params.add(ranges.get(i)[0]);
            params.add(ranges.get(i)[1]);
        }
        return b.append(')').toString();
    }

    /**
     * The whole UTC days inside the span, as ranges {@code [first day, end day)}; a day the cut falls inside is left
     * to the minutes, so that each of its halves counts in its own period.
     */
    static List<Instant[]> wholeDays(Span span) {
        // Within what ClickHouse's Date holds: before 1970 or after it, toDate() wraps around.
        Instant first = max(ceilDay(span.from()), Instant.EPOCH);
        Instant end = min(span.to().truncatedTo(ChronoUnit.DAYS), LAST_DATE);
        List<Instant[]> days = new ArrayList<>();
        Instant cut = span.cut();
        if (cut != null && cut.isAfter(first) && cut.isBefore(end) && !cut.equals(cut.truncatedTo(ChronoUnit.DAYS))) {
            add(days, first, cut.truncatedTo(ChronoUnit.DAYS));
            add(days, ceilDay(cut), end);
        } else {
            add(days, first, end);
        }
        return days;
    }

    private static void add(List<Instant[]> days, Instant from, Instant to) {
        if (from.isBefore(to)) days.add(new Instant[] {from, to});
    }

    private static final Instant LAST_DATE = Instant.parse("2149-06-01T00:00:00Z");

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant ceilDay(Instant t) {
        Instant day = t.truncatedTo(ChronoUnit.DAYS);
        return day.equals(t) ? t : day.plus(Duration.ofDays(1));
    }

    /**
     * Each rule's last closed minute, as far as the span needs it: looked for just before the span's end, then in its
     * last hour, then anywhere in it, each a short range of {@code rule_minute}'s keys (its newest minute from the
     * whole table would read all of a rule's rows). A rule with no closed minute in the span has no entry: all of
     * its span is open.
     */
    private Map<String, Instant> lastClosed(List<String> ids, Span span) throws SQLException {
        Map<String, Instant> closed = new HashMap<>();
        List<String> left = ids;
        for (Instant bound : List.of(span.to().minus(Duration.ofMinutes(1)), span.to().minus(Duration.ofHours(1)), span.from())) {
            Instant since = bound.isAfter(span.from()) ? bound : span.from();
            db.list("SELECT rule_id, toUnixTimestamp(max(minute)) FROM rule_minute WHERE rule_id IN (" + Database.placeholders(left.size())
                    + ") AND minute >= " + Database.TIME + " GROUP BY rule_id", concat(left, since),
                    r -> closed.put(r.getString(1), Instant.ofEpochSecond(r.getLong(2))));
            left = left.stream().filter(r -> !closed.containsKey(r)).toList();
            if (left.isEmpty() || since.equals(span.from())) break;
        }
        return closed;
    }

    private static List<Object> concat(List<String> ids, Instant t) {
        List<Object> params = new ArrayList<>(ids);
        params.add(t);
        return params;
    }

    private static List<String> ids(List<String> rules) {
        return rules.isEmpty() ? List.of("") : rules;
    }
}
