package org.earshot.dashboards.views;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.dashboards.Database;

/**
 * The numbers behind every chart, from the tables the Listen job fills: volume and sentiment from the closed minutes
 * of {@code rule_minute} and the open ones after them in {@code mention_rules} (as the view {@code rule_minute_whole}
 * has them, so the last minutes show too), emotions from {@code
 * rule_minute}, authors from {@code mention_rules}, terms from {@code rule_hour_terms}, mentions from {@code
 * mentions}. Each answers a {@link Table} with totals, and the previous period's totals to compare with.
 *
 * <p>A scope of several rules counts a mention once per rule in the series (as {@code rule_minute} holds them),
 * and once in author counts.
 */
public final class Views {
    public static final List<String> SENTIMENTS = List.of("positive", "neutral", "negative");
    public static final List<String> EMOTIONS = List.of("anger", "joy", "optimism", "sadness");
    public enum Ranking { REACH, COUNT, ENGAGEMENT }
    public enum TermKind { TERM, HASHTAG }

    private final Database db;
    private final Minutes minutes;

    public Views(Database db) {
        this.db = db;
        this.minutes = new Minutes(db);
    }

    /**
     * Mentions and reach per bucket and network; totals of this period and the one before. One statement reads
     * both periods (rows marked by the period they fall in), rather than one for the series and two for the totals.
     */
    public Map<String, Object> volume(Scope scope, Period p, Filter f) throws SQLException {
        long[] now = new long[2];
        long[] before = new long[2];
        List<List<Object>> rows = new ArrayList<>();
        List<List<Object>> earlier = new ArrayList<>();
        for (Object[] r : bothPeriods(scope.rules(), p, f, "sum(mentions), sum(reach)", "network", 2)) {
            long[] totals = (Boolean) r[0] ? now : before;
            totals[0] += (Long) r[3];
            totals[1] += (Long) r[4];
            ((Boolean) r[0] ? rows : earlier).add(List.of(r[1], r[2], r[3], r[4]));
        }
        List<Table.Column> columns = List.of(Table.time("time"), Table.text("network"), Table.count("mentions"), Table.count("reach"));
        Map<String, Object> view = view(scope, p, f, new Table(columns, rows), totals("mentions", now[0], "reach", now[1]),
                totals("mentions", before[0], "reach", before[1]));
        previousTable(view, new Table(columns, earlier));
        return view;
    }

    /** Positive, neutral and negative mentions per bucket, and net sentiment (positive minus negative, in % of all). */
    public Map<String, Object> sentiment(Scope scope, Period p, Filter f) throws SQLException {
        long[] now = new long[3];
        long[] before = new long[3];
        List<List<Object>> rows = new ArrayList<>();
        List<List<Object>> earlier = new ArrayList<>();
        for (Object[] r : bothPeriods(scope.rules(), p, f, SENTIMENT_SUMS, null, 3)) {
            long[] totals = (Boolean) r[0] ? now : before;
            for (int i = 0; i < 3; i++) totals[i] += (Long) r[2 + i];
            ((Boolean) r[0] ? rows : earlier).add(List.of(r[1], r[2], r[3], r[4], net((Long) r[2], (Long) r[3], (Long) r[4])));
        }
        List<Table.Column> columns = List.of(Table.time("time"), Table.count("positive"), Table.count("neutral"), Table.count("negative"),
                Table.number("net"));
        Map<String, Object> view = view(scope, p, f, new Table(columns, rows), sentimentTotals(now), sentimentTotals(before));
        previousTable(view, new Table(columns, earlier));
        return view;
    }

    private static final String SENTIMENT_SUMS =
            "sumIf(mentions, sentiment = 'positive'), sumIf(mentions, sentiment = 'neutral'), sumIf(mentions, sentiment = 'negative')";

    private static Map<String, Object> sentimentTotals(long[] counts) {
        Map<String, Object> t = totals("positive", counts[0], "neutral", counts[1]);
        t.put("negative", counts[2]);
        t.put("net", net(counts[0], counts[1], counts[2]));
        return t;
    }

    /**
     * The period and the one before in one statement: each row is [in this period?, bucket, then {@code columns}],
     * grouped by bucket (and {@code by}); the text columns are read as text, the rest ({@code counts} of them) as
     * numbers. A bucket the period's start cuts in two comes back as two rows, one for each period.
     */
    private List<Object[]> bothPeriods(List<String> rules, Period p, Filter f, String columns, String by, int counts) throws SQLException {
        Minutes.Sql whole = minutes.whole(rules, Minutes.Span.withPrevious(p), f);
        List<Object> params = new ArrayList<>(List.of(p.from()));
        params.addAll(whole.params());
        String group = by == null ? "" : ", " + by;
        int texts = by == null ? 0 : 1;
        return db.list("SELECT minute >= " + Database.TIME + " AS now, " + iso(p.bucket().sql) + " AS t" + group + ", " + columns + whole.text()
                + " GROUP BY now, t" + group + " ORDER BY t" + group, params, r -> {
                    Object[] row = new Object[2 + texts + counts];
                    row[0] = r.getInt(1) == 1;
                    row[1] = r.getString(2);
                    for (int i = 0; i < texts; i++) row[2 + i] = r.getString(3 + i);
                    for (int i = 0; i < counts; i++) row[2 + texts + i] = r.getLong(3 + texts + i);
                    return row;
                });
    }

    /** Each emotion's mentions and share of all mentions (closed minutes: the last open minute is not counted yet). */
    public Map<String, Object> emotions(Scope scope, Period p, Filter f) throws SQLException {
        Minutes.Sql closed = minutes.closed(scope.rules(), Minutes.Span.withPrevious(p), f);
        Map<Boolean, Map<String, Object>> periods = new HashMap<>(Map.of(true, emotionTotals(new long[5]), false, emotionTotals(new long[5])));
        db.list("SELECT minute >= " + Database.TIME + " AS now, sum(mentions), sum(anger), sum(joy), sum(optimism), sum(sadness)" + closed.text()
                + " GROUP BY now", concat(List.of(p.from()), closed.params()), r -> {
                    long[] counts = new long[5];
                    for (int i = 0; i < counts.length; i++) counts[i] = r.getLong(i + 2);
                    return periods.put(r.getInt(1) == 1, emotionTotals(counts));
                });
        Map<String, Object> now = periods.get(true);
        long all = (Long) now.get("mentions");
        List<List<Object>> rows = new ArrayList<>();
        for (String e : EMOTIONS) rows.add(List.of(e, now.get(e), share((Long) now.get(e), all)));
        Table table = new Table(List.of(Table.text("emotion"), Table.count("mentions"), Table.number("share")), rows);
        return view(scope, p, f, table, now, periods.get(false));
    }

    /** {mentions, then each emotion's} from {@code counts} in that order. */
    private static Map<String, Object> emotionTotals(long[] counts) {
        Map<String, Object> t = totals("mentions", counts[0], null, 0);
        for (int i = 0; i < EMOTIONS.size(); i++) t.put(EMOTIONS.get(i), counts[i + 1]);
        return t;
    }

    /**
     * Each of a project's rules (brand and competitors): mentions and share of them all; and per bucket. One
     * statement reads both periods by bucket and rule; the totals are added up from its rows.
     */
    public Map<String, Object> shareOfVoice(Scope scope, Map<String, String> names, Period p, Filter f) throws SQLException {
        List<String> rules = scope.allRules();
        Map<String, Long> counts = new LinkedHashMap<>();
        rules.forEach(r -> counts.put(r, 0L));
        long[] before = new long[2]; // brand's, all
        List<List<Object>> series = new ArrayList<>();
        for (Object[] r : bothPeriods(rules, p, f, "sum(mentions)", "rule_id", 1)) {
            String rule = (String) r[2];
            long n = (Long) r[3];
            if ((Boolean) r[0]) {
                counts.merge(rule, n, Long::sum);
                series.add(List.of(r[1], rule, n));
            } else {
                before[1] += n;
                if (scope.brand().contains(rule)) before[0] += n;
            }
        }
        long all = counts.values().stream().mapToLong(Long::longValue).sum();
        List<List<Object>> rows = new ArrayList<>();
        for (String rule : rules) {
            rows.add(List.of(rule, names.getOrDefault(rule, rule), scope.brand().contains(rule) ? "brand" : "competitor", counts.get(rule),
                    share(counts.get(rule), all)));
        }
        Table table = new Table(List.of(Table.text("rule"), Table.text("name"), Table.text("side"), Table.count("mentions"),
                Table.number("share")), rows);
        long brandNow = scope.brand().stream().mapToLong(counts::get).sum();
        Map<String, Object> view = view(scope, p, f, table, totals("mentions", all, "brand_share", share(brandNow, all)),
                totals("mentions", before[1], "brand_share", share(before[0], before[1])));
        view.put("series", new Table(List.of(Table.time("time"), Table.text("rule"), Table.count("mentions")), series));
        return view;
    }

    /**
     * The authors with the most reach, or the most mentions, in the period, and how many authors there were in it
     * and in the one before: one pass over both periods' matches, grouped by author, each group counted by period.
     * Matches are counted as rows: {@code mention_rules} holds a match once (the sink writes exactly once; a replay
     * is dropped by its insert token), and counting rows is a third of the work of counting distinct ids.
     */
    public Map<String, Object> topAuthors(Scope scope, Period p, Filter f, Ranking by, int limit) throws SQLException {
        String order = by == Ranking.COUNT ? "mentions DESC, reach DESC" : "reach DESC, mentions DESC";
        List<Object> params = new ArrayList<>(List.of(p.from(), p.from()));
        params.addAll(params(scope.rules(), p.previous().from(), p.to(), f));
        params.add(limit);
        long[] authors = new long[2];
        List<List<Object>> rows = new ArrayList<>();
        db.list("SELECT author, countIf(published_at >= " + Database.TIME + ") AS mentions, maxIf(reach, published_at >= " + Database.TIME
                + ") AS reach, sum(mentions > 0) OVER () AS now, sum(count() > mentions) OVER () AS before FROM mention_rules"
                + whereTime(scope.rules(), "published_at", f) + " AND author != '' GROUP BY author ORDER BY mentions > 0 DESC, " + order
                + ", author LIMIT ?", params, r -> {
                    authors[0] = r.getLong(4);
                    authors[1] = r.getLong(5);
                    return r.getLong(2) > 0 ? rows.add(List.of(r.getString(1), r.getLong(2), r.getLong(3))) : null;
                });
        Table table = new Table(List.of(Table.text("author"), Table.count("mentions"), Table.count("reach")), rows);
        return view(scope, p, f, table, totals("authors", authors[0], null, 0), totals("authors", authors[1], null, 0));
    }

    /** Terms or hashtags by how much more they were said than in the period before (hourly counts). */
    public Map<String, Object> trending(Scope scope, Period p, TermKind kind, int limit) throws SQLException {
        Period before = p.previous();
        List<Object> params = new ArrayList<>(List.of(p.from()));
        params.add(p.from());
        params.addAll(scope.rules());
        params.add(kind.name().toLowerCase(java.util.Locale.ROOT));
        params.add(before.from());
        params.add(p.to());
        params.add(limit);
        List<List<Object>> rows = db.list("SELECT term, sumIf(count, hour >= toStartOfHour(" + Database.TIME + ")) AS now, "
                        + "sumIf(count, hour < toStartOfHour(" + Database.TIME + ")) AS before FROM rule_hour_terms WHERE rule_id IN ("
                        + Database.placeholders(scope.rules().size()) + ") AND kind = ? AND hour >= toStartOfHour(" + Database.TIME
                        + ") AND hour < " + Database.TIME + " GROUP BY term HAVING now > 0 ORDER BY now - before DESC, now DESC, term LIMIT ?",
                params, r -> {
                    long now = r.getLong(2), was = r.getLong(3);
                    return List.of(r.getString(1), now, was, now - was);
                });
        Table table = new Table(List.of(Table.text(kind == TermKind.HASHTAG ? "hashtag" : "term"), Table.count("now"), Table.count("before"),
                Table.number("change")), rows);
        return view(scope, p, Filter.NONE, table, totals("terms", (long) rows.size(), null, 0), Map.of());
    }

    /**
     * The mentions with the most reach, or the most engagement (likes, reposts and replies). By reach, the candidates
     * come from {@code mention_rules}, which holds each match's reach, and only they are read from {@code mentions}
     * (by id, in a second statement: {@code mentions} is ordered by id); by engagement, {@code mentions} is read for the
     * period's matched ids (slower: nothing holds engagement by rule).
     */
    public Map<String, Object> topMentions(Scope scope, Period p, Filter f, Ranking by, int limit) throws SQLException {
        String order = by == Ranking.ENGAGEMENT ? "likes + reposts + replies DESC, reach DESC" : "reach DESC, likes + reposts + replies DESC";
        List<Object> params = params(scope.rules(), p.from(), p.to(), f);
        String matched = "SELECT mention_id FROM mention_rules" + whereTime(scope.rules(), "published_at", f);
        // Room for a mention matched by several rules of the scope.
        int room = limit * (scope.rules().size() + 2);
        String candidates;
        if (by == Ranking.ENGAGEMENT) {
            candidates = "SELECT id FROM mentions WHERE published_at >= " + Database.TIME + " AND published_at < " + Database.TIME + " AND id IN ("
                    + matched + ") ORDER BY likes + reposts + replies DESC, id LIMIT ?";
            params.add(0, p.to());
            params.add(0, p.from());
            params.add(room);
        } else {
            params.add(room);
            List<String> ids = db.list(matched + " ORDER BY reach DESC, mention_id LIMIT ?", params, r -> r.getString(1));
            candidates = Database.placeholders(ids.size());
            params = new ArrayList<>(ids.isEmpty() ? List.of("") : ids);
        }
        params.add(limit);
        List<List<Object>> rows = db.list("SELECT id, " + iso("published_at") + ", network, author_handle, text, url, reach, likes, reposts, "
                + "replies, sentiment, emotion FROM mentions FINAL WHERE id IN (" + candidates + ") ORDER BY " + order + ", id LIMIT ?", params, r -> {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= 6; i++) row.add(r.getString(i));
                    for (int i = 7; i <= 10; i++) row.add(r.getLong(i));
                    row.add(r.getString(11));
                    row.add(r.getString(12));
                    return row;
                });
        Table table = new Table(List.of(Table.text("id"), Table.time("published"), Table.text("network"), Table.text("author"),
                Table.text("text"), Table.text("url"), Table.count("reach"), Table.count("likes"), Table.count("reposts"),
                Table.count("replies"), Table.text("sentiment"), Table.text("emotion")), rows);
        // The period's volume is the volume view's; this one counts only what it shows.
        return view(scope, p, f, table, totals("shown", (long) rows.size(), null, 0), Map.of());
    }

    /** The columns of {@link #eachMention}'s rows. */
    public static final List<Table.Column> MENTION_COLUMNS = List.of(Table.time("published"), Table.text("network"), Table.text("author"),
            Table.text("text"), Table.text("url"), Table.count("reach"), Table.count("likes"), Table.count("reposts"), Table.count("replies"),
            Table.text("sentiment"), Table.text("emotion"), Table.text("lang"), Table.text("id"));

    /** Takes one mention's row, its values in the order of {@link #MENTION_COLUMNS} (the time as an {@link java.time.Instant}). */
    public interface MentionSink {
        void accept(Object[] row) throws Exception;
    }

    /**
     * Every mention the scope's rules matched in the period, filtered, oldest first, streamed row by row as
     * ClickHouse sends them: what a spreadsheet export lists, however many there are.
     */
    public void eachMention(Scope scope, Period p, Filter f, MentionSink sink) throws Exception {
        List<Object> params = new ArrayList<>(List.of(p.from(), p.to()));
        params.addAll(params(scope.rules(), p.from(), p.to(), f));
        db.each("SELECT toUnixTimestamp64Milli(published_at), network, author_handle, text, url, reach, likes, reposts, replies, sentiment, "
                + "emotion, lang, id FROM mentions FINAL WHERE published_at >= " + Database.TIME + " AND published_at < " + Database.TIME
                + " AND id IN (SELECT mention_id FROM mention_rules" + whereTime(scope.rules(), "published_at", f) + ") ORDER BY published_at, id",
                params, r -> {
                    Object[] row = new Object[13];
                    row[0] = java.time.Instant.ofEpochMilli(r.getLong(1));
                    for (int i = 1; i <= 4; i++) row[i] = r.getString(i + 1);
                    for (int i = 5; i <= 8; i++) row[i] = r.getLong(i + 1);
                    for (int i = 9; i <= 12; i++) row[i] = r.getString(i + 1);
                    sink.accept(row);
                });
    }

    /** One mention as ClickHouse keeps it, with the rules that matched it and its copies on other networks. */
    public Map<String, Object> mention(String id) throws SQLException {
        List<Map<String, Object>> found = db.list("SELECT id, " + iso("published_at") + ", network, url, author_handle, author_name, title, "
                + "text, lang, reach, likes, reposts, replies, sentiment, sentiment_score, emotion, hashtags, rule_ids FROM mentions FINAL "
                + "WHERE id = ?", List.of(id), r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    String[] names = {"id", "published", "network", "url", "author", "author_name", "title", "text", "lang"};
                    for (int i = 0; i < names.length; i++) m.put(names[i], r.getString(i + 1));
                    String[] counts = {"reach", "likes", "reposts", "replies"};
                    for (int i = 0; i < counts.length; i++) m.put(counts[i], r.getLong(i + 10));
                    m.put("sentiment", r.getString(14));
                    m.put("sentiment_score", r.getDouble(15));
                    m.put("emotion", r.getString(16));
                    m.put("hashtags", r.getArray(17).getArray());
                    m.put("rules", r.getArray(18).getArray());
                    return m;
                });
        if (found.isEmpty()) return null;
        Map<String, Object> m = found.get(0);
        m.put("copies", db.list("SELECT copy_id, copy_network, matched_by, " + iso("seen_at") + " FROM mention_copies FINAL WHERE original_id = ? "
                + "ORDER BY seen_at, copy_id", List.of(id), r -> Map.of("id", r.getString(1), "network", r.getString(2),
                "matched_by", r.getString(3), "seen", r.getString(4))));
        m.put("copy_of", db.list("SELECT original_id FROM mention_copies FINAL WHERE copy_id = ? LIMIT 1", List.of(id), r -> r.getString(1))
                .stream().findFirst().orElse(null));
        return m;
    }

    private static Map<String, Object> view(Scope scope, Period p, Filter f, Table table, Map<String, Object> totals, Map<String, Object> previous) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("scope", Map.of("kind", scope.kind(), "id", scope.id(), "name", scope.name()));
        v.put("period", period(p));
        v.put("filters", f.describe());
        v.put("table", table);
        v.put("totals", totals);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("period", period(p.previous()));
        before.put("totals", previous);
        v.put("previous", before);
        return v;
    }

    /** The previous period's own series, beside its totals, where the statement read it anyway (volume, sentiment). */
    @SuppressWarnings("unchecked")
    private static void previousTable(Map<String, Object> view, Table table) {
        ((Map<String, Object>) view.get("previous")).put("table", table);
    }

    private static Map<String, Object> period(Period p) {
        return Map.of("from", p.from().toString(), "to", p.to().toString(), "bucket", p.bucket().id());
    }

    private static Map<String, Object> totals(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put(k1, v1);
        if (k2 != null) t.put(k2, v2);
        return t;
    }

    /** Net sentiment: positive minus negative, in percent of all, to one decimal. */
    static double net(long pos, long neu, long neg) {
        long all = pos + neu + neg;
        return all == 0 ? 0 : Math.round((pos - neg) * 1000.0 / all) / 10.0;
    }

    static double share(long part, long all) {
        return all == 0 ? 0 : Math.round(part * 1000.0 / all) / 10.0;
    }

    private static String whereTime(List<String> rules, String column, Filter f) {
        return " WHERE rule_id IN (" + Database.placeholders(rules.size()) + ") AND " + column + " >= " + Database.TIME + " AND " + column
                + " < " + Database.TIME + f.sql();
    }

    private static List<Object> params(List<String> rules, java.time.Instant from, java.time.Instant to, Filter f) {
        List<Object> params = new ArrayList<>(rules.isEmpty() ? List.of("") : rules);
        params.add(from);
        params.add(to);
        params.addAll(f.params());
        return params;
    }

    private static List<Object> concat(List<?> first, List<Object> rest) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(rest);
        return all;
    }

    /** A time column as ISO-8601 in UTC ({@code 2026-12-01T10:00:00Z}), whatever the driver's time zone. */
    private static String iso(String expr) {
        return "concat(replaceOne(toString(" + expr + ", 'UTC'), ' ', 'T'), 'Z')";
    }
}
