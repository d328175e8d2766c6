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
        Map<String, Instant> closed = lastClosed(ids);
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        closedParts(ids, span, parts, params);
        // Each rule's open minutes: after its last closed one (all of them for a rule with none closed yet).
        Instant earliestOpen = ids.stream().map(r -> closed.containsKey(r) ? closed.get(r).plus(Duration.ofMinutes(1)) : Instant.EPOCH)
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
                params.add(closed.containsKey(ids.get(i)) ? closed.get(ids.get(i)).plus(Duration.ofMinutes(1)) : Instant.EPOCH);
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

    /** {@code rule_minute} for the span, but for its whole days, read from {@code rule_day} when the series is by day. */
    private static void closedParts(List<String> ids, Span span, List<String> parts, List<Object> params) {
        List<Instant[]> days = span.bucket() == Period.Bucket.DAY ? wholeDays(span) : List.of();
        StringBuilder minutes = new StringBuilder("SELECT " + COLUMNS + " FROM rule_minute WHERE rule_id IN (" + Database.placeholders(ids.size())
                + ") AND minute >= " + Database.TIME + " AND minute < " + Database.TIME);
        params.addAll(ids);
        params.add(span.from());
        params.add(span.to());
        for (Instant[] d : days) {
            minutes.append(" AND NOT (minute >= ").append(Database.TIME).append(" AND minute < ").append(Database.TIME).append(')');
            params.add(d[0]);
            params.add(d[1]);
        }
        parts.add(minutes.toString());
        if (days.isEmpty()) return;
        StringBuilder whole = new StringBuilder("SELECT rule_id, toDateTime(day, 'UTC') AS minute, network, lang, sentiment, mentions, reach, "
                + "anger, joy, optimism, sadness FROM rule_day WHERE rule_id IN (" + Database.placeholders(ids.size()) + ") AND (");
        params.addAll(ids);
        for (int i = 0; i < days.size(); i++) {
            whole.append(i == 0 ? "" : " OR ").append("(day >= toDate(").append(Database.TIME).append(") AND day < toDate(")
                    .append(Database.TIME).append("))");
            params.add(days.get(i)[0]);
            params.add(days.get(i)[1]);
        }
        parts.add(whole.append(')').toString());
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

    /** Each rule's last minute in {@code rule_minute}; a rule with none has no entry. */
    private Map<String, Instant> lastClosed(List<String> ids) throws SQLException {
        Map<String, Instant> closed = new HashMap<>();
        db.list("SELECT rule_id, toUnixTimestamp(max(minute)) FROM rule_minute WHERE rule_id IN (" + Database.placeholders(ids.size())
                + ") GROUP BY rule_id", ids, r -> closed.put(r.getString(1), Instant.ofEpochSecond(r.getLong(2))));
        return closed;
    }

    private static List<String> ids(List<String> rules) {
        return rules.isEmpty() ? List.of("") : rules;
    }
}
