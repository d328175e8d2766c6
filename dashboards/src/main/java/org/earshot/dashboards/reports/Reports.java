package org.earshot.dashboards.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.dashboards.views.Filter;
import org.earshot.dashboards.views.Period;
import org.earshot.dashboards.views.Scope;
import org.earshot.dashboards.views.Table;
import org.earshot.dashboards.views.Views;

/** Makes reports from the views: the same calls, and so the same numbers, as the API's view endpoints. */
public final class Reports {
    /** The views a report holds, in its order, with their headings; share of voice only for a project. */
    public static final Map<String, String> VIEWS = views();

    private static Map<String, String> views() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("volume", "Volume by network");
        v.put("sentiment", "Sentiment");
        v.put("emotions", "Emotions");
        v.put("share-of-voice", "Share of voice");
        v.put("top-authors", "Top authors by reach");
        v.put("trending", "Trending terms");
        v.put("top-mentions", "Top mentions by reach");
        return java.util.Collections.unmodifiableMap(v);
    }

    static final int TOP = 20;

    private final Views views;
    private final java.util.function.Supplier<Map<String, String>> ruleNames;

    public Reports(Views views, java.util.function.Supplier<Map<String, String>> ruleNames) {
        this.views = views;
        this.ruleNames = ruleNames;
    }

    /** Every view of the scope (or only {@code view}, when not null), for the period and filters, made now. */
    public Report make(Scope scope, Period period, Filter filter, String view) throws Exception {
        if (view != null && !VIEWS.containsKey(view)) {
            throw new IllegalArgumentException("unknown view '" + view + "': expected one of " + VIEWS.keySet());
        }
        if ("share-of-voice".equals(view) && !scope.kind().equals("project")) {
            throw new IllegalArgumentException("share of voice needs a project (its brand against its competitors), not a rule");
        }
        List<Report.Section> sections = new ArrayList<>();
        for (String name : VIEWS.keySet()) {
            if (view != null ? !name.equals(view) : name.equals("share-of-voice") && !scope.kind().equals("project")) continue;
            sections.add(section(name, answer(name, scope, period, filter)));
        }
        return new Report(scope, period, filter.describe(), Instant.now(), sections);
    }

    private Map<String, Object> answer(String view, Scope scope, Period p, Filter f) throws Exception {
        return switch (view) {
            case "volume" -> views.volume(scope, p, f);
            case "sentiment" -> views.sentiment(scope, p, f);
            case "emotions" -> views.emotions(scope, p, f);
            case "share-of-voice" -> views.shareOfVoice(scope, ruleNames.get(), p, f);
            case "top-authors" -> views.topAuthors(scope, p, f, Views.Ranking.REACH, TOP);
            case "trending" -> views.trending(scope, p, Views.TermKind.TERM, TOP);
            default -> views.topMentions(scope, p, f, Views.Ranking.REACH, TOP);
        };
    }

    @SuppressWarnings("unchecked")
    private static Report.Section section(String view, Map<String, Object> answer) {
        Map<String, Object> previous = (Map<String, Object>) answer.get("previous");
        return new Report.Section(view, VIEWS.get(view), (Table) answer.get("table"), (Map<String, Object>) answer.get("totals"),
                (Map<String, Object>) previous.get("totals"));
    }
}
