package org.earshot.dashboards.search;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.earshot.dashboards.access.Role;
import org.earshot.dashboards.rules.RuleRoutes;
import org.earshot.dashboards.server.ApiException;
import org.earshot.dashboards.server.Param;
import org.earshot.dashboards.server.Params;
import org.earshot.dashboards.server.Route;
import org.earshot.dashboards.views.Scope;
import org.earshot.dashboards.views.Scopes;
import org.earshot.dashboards.views.Views;
import org.earshot.pipeline.query.QueryException;
import org.earshot.pipeline.search.MentionIndex;
import org.earshot.pipeline.search.MentionSearch;
import org.jsoup.parser.Parser;

/**
 * The mention stream ({@code GET /api/v1/mentions}: the search index, with the rules' query language, filters,
 * highlights, facets and paging), one mention with its copies and rules, and a draft rule tried on recent mentions
 * before it goes live.
 */
public final class SearchRoutes {
    private static final String TAG = "mentions";
    /** How far back a draft rule is tried. */
    static final Duration PREVIEW = Duration.ofDays(7);
    private static final Pattern MARK = Pattern.compile("<mark>(.*?)</mark>");

    private final MentionIndex index;
    private final Views views;
    private final Scopes scopes;
    /** A search keeps facet state for the reader it last read; one per server thread. */
    private final ThreadLocal<MentionSearch> search = ThreadLocal.withInitial(MentionSearch::new);

    public SearchRoutes(MentionIndex index, Views views, Scopes scopes) {
        this.index = index;
        this.views = views;
        this.scopes = scopes;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/mentions", Role.VIEWER, TAG, "Search the mentions: query, filters, highlights, facets, pages", List.of(
                        Param.query("q", "a query in the rules' language (default: every mention)"),
                        Param.query("rule", "only mentions this rule matched"),
                        Param.query("project", "only mentions the project's brand rules matched"),
                        Param.time("from", "published at or after, ISO-8601"),
                        Param.time("to", "published before, ISO-8601"),
                        Param.repeated("network", "only these networks"),
                        Param.repeated("lang", "only these languages"),
                        Param.repeated("sentiment", "positive, neutral or negative"),
                        Param.repeated("emotion", "anger, joy, optimism, sadness or none"),
                        Param.integer("minReach", "only mentions with at least this reach"),
                        Param.query("sort", "time (default), relevance or reach"),
                        Param.integer("limit", "mentions per page, 1 to 100 (default 20)"),
                        Param.query("after", "the cursor of the next page, from the previous answer")), this::mentions),
                Route.get("/api/v1/mentions/{id}", Role.VIEWER, TAG, "One mention with its copies on other networks and the rules it matched",
                        Route.pathParams("/api/v1/mentions/{id}"), (ctx, c) -> {
                            Map<String, Object> m = views.mention(ctx.pathParam("id"));
                            if (m == null) throw ApiException.notFound("no mention '" + Params.abbreviate(ctx.pathParam("id")) + "'");
                            return m;
                        }),
                Route.post("/api/v1/rules/preview", Role.VIEWER, "rules", "What a draft query would match in the last 7 days: "
                        + "how many, samples, and the words that matched", "{query}", (ctx, c) -> preview(Params.body(ctx, RuleRoutes.RuleBody.class).query())));
    }

    private Object mentions(Context ctx, org.earshot.dashboards.access.Caller caller) throws Exception {
        List<String> rules = List.of();
        if (Params.string(ctx, "rule") != null || Params.string(ctx, "project") != null) {
            Scope scope = scopes.of(ctx);
            rules = scope.rules();
        }
        MentionSearch.Request r = new MentionSearch.Request(Params.string(ctx, "q"), Params.instant(ctx, "from"), Params.instant(ctx, "to"),
                Params.strings(ctx, "network"), Params.strings(ctx, "lang"), Params.strings(ctx, "sentiment"), Params.strings(ctx, "emotion"),
                rules, Params.integer(ctx, "minReach", 0, 0, Integer.MAX_VALUE),
                Params.choice(ctx, "sort", MentionSearch.Order.class, MentionSearch.Order.TIME), Params.integer(ctx, "limit", 20, 1, 100),
                Params.string(ctx, "after"));
        return search(r);
    }

    private MentionSearch.Result search(MentionSearch.Request r) throws Exception {
        try {
            return index.search(s -> search.get().search(s, r));
        } catch (QueryException e) {
            throw ApiException.badRequest("parameter 'q': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** A draft rule on the last week's mentions: the count, ten samples highlighted, and the words it matched, most first. */
    private Map<String, Object> preview(String query) throws Exception {
        if (query == null || query.isBlank()) throw ApiException.badRequest("a preview needs a query");
        Instant now = Instant.now();
        MentionSearch.Result found = search(MentionSearch.Request.of(query).between(now.minus(PREVIEW), now).page(10, null));
        Map<String, Integer> words = new TreeMap<>();
        for (MentionSearch.Hit hit : found.hits()) {
            if (hit.highlighted() == null) continue;
            Matcher m = MARK.matcher(hit.highlighted());
            while (m.find()) words.merge(Parser.unescapeEntities(m.group(1), false).toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
        }
        List<Map<String, Object>> matched = new ArrayList<>();
        words.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> matched.add(Map.of("word", e.getKey(), "samples", e.getValue())));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", now.minus(PREVIEW).toString());
        answer.put("to", now.toString());
        answer.put("total", found.total());
        answer.put("samples", found.hits());
        answer.put("matched", matched);
        return answer;
    }
}
