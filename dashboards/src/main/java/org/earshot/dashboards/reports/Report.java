package org.earshot.dashboards.reports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.earshot.dashboards.views.Period;
import org.earshot.dashboards.views.Scope;
import org.earshot.dashboards.views.Table;

/**
 * What an export holds: for a scope, a period and filters, the views' answers as the API gives them (so a report,
 * the dashboard and Grafana show the same numbers), and when it was made.
 */
public record Report(Scope scope, Period period, Map<String, Object> filters, Instant generated, List<Section> sections) {
    /**
     * One view's answer: its table, its totals and the previous period's.
     *
     * @param view the view's name in the API ({@code volume}, {@code top-authors}, …)
     * @param title how the report heads it
     */
    public record Section(String view, String title, Table table, Map<String, Object> totals, Map<String, Object> previous) {
        /** Whether the section has any row to show. */
        public boolean empty() {
            return table.rows().isEmpty();
        }
    }

    private static final java.time.format.DateTimeFormatter WHEN =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    /** An instant as a report prints it: {@code 2026-12-01 08:00 UTC}. */
    public static String when(Instant t) {
        return WHEN.format(t);
    }

    /** {@code 2026-12-01 00:00 UTC to 2026-12-02 00:00 UTC}. */
    public String periodLine() {
        return when(period.from()) + " to " + when(period.to());
    }

    /**
     * A table's value as a report prints it in a cell: a count with thousands separators, a share or net sentiment
     * with its decimal, a time without the zone (the column's header says UTC), text as it is.
     */
    public static String cell(Table.Column column, Object v) {
        if (v == null) return "";
        return switch (column.type()) {
            case "count", "number" -> number(v);
            case "time" -> when(Instant.parse(String.valueOf(v))).replace(" UTC", "");
            default -> String.valueOf(v);
        };
    }

    /** A count with thousands separators, a share or net sentiment with its one decimal. */
    public static String number(Object v) {
        if (v instanceof Double d) return java.text.NumberFormat.getNumberInstance(java.util.Locale.US).format(d);
        if (v instanceof Number n) return java.text.NumberFormat.getIntegerInstance(java.util.Locale.US).format(n.longValue());
        return String.valueOf(v);
    }

    public String title() {
        return scope.name() + ": " + (scope.kind().equals("project") ? "project report" : "rule report");
    }

    /** True when no view has a row: the report says so rather than drawing empty charts. */
    public boolean empty() {
        return sections.stream().allMatch(Section::empty);
    }

    public Section section(String view) {
        return sections.stream().filter(s -> s.view().equals(view)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the report has no view " + view));
    }

    /** The filters as one line, {@code network bluesky; sentiment negative}, or "none". */
    public String filterLine() {
        if (filters.isEmpty()) return "none";
        StringBuilder b = new StringBuilder();
        filters.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append(' ').append(v instanceof List<?> l
                ? String.join(", ", l.stream().map(String::valueOf).toList()) : v));
        return b.toString();
    }
}
