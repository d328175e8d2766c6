package org.earshot.dashboards.views;

import java.util.List;

/**
 * What a view answers, as rows under typed columns: the dashboard draws its chart from it, shows it as a table,
 * and an export writes it as it is, so all three show the same numbers.
 *
 * @param columns each column's name and type: time (an ISO-8601 instant), text, count or number
 */
public record Table(List<Column> columns, List<List<Object>> rows) {
    public record Column(String name, String type) {}

    public static Column time(String name) {
        return new Column(name, "time");
    }

    public static Column text(String name) {
        return new Column(name, "text");
    }

    public static Column count(String name) {
        return new Column(name, "count");
    }

    public static Column number(String name) {
        return new Column(name, "number");
    }
}
