package org.earshot.dashboards.views;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.dashboards.Database;

/**
 * Which mentions a view counts besides its scope and period: only these networks, languages or sentiments (each
 * empty for all). Applied where the table has the column: every view but trending, whose hourly terms are not
 * kept by network, language or sentiment.
 */
public record Filter(List<String> networks, List<String> langs, List<String> sentiments) {
    public static final Filter NONE = new Filter(List.of(), List.of(), List.of());

    /** {@code AND network IN (?, …) AND …} for the lists that are not empty. */
    String sql() {
        StringBuilder b = new StringBuilder();
        in(b, "network", networks);
        in(b, "lang", langs);
        in(b, "sentiment", sentiments);
        return b.toString();
    }

    /** The values of {@link #sql()}'s placeholders, in order. */
    List<Object> params() {
        List<Object> params = new ArrayList<>(networks);
        params.addAll(langs);
        params.addAll(sentiments);
        return params;
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!networks.isEmpty()) m.put("network", networks);
        if (!langs.isEmpty()) m.put("lang", langs);
        if (!sentiments.isEmpty()) m.put("sentiment", sentiments);
        return m;
    }

    private static void in(StringBuilder b, String column, List<String> values) {
        if (!values.isEmpty()) b.append(" AND ").append(column).append(" IN (").append(Database.placeholders(values.size())).append(')');
    }
}
