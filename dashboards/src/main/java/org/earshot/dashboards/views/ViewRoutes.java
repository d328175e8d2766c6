package org.earshot.dashboards.views;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.earshot.dashboards.access.Role;
import org.earshot.dashboards.server.ApiException;
import org.earshot.dashboards.server.Param;
import org.earshot.dashboards.server.Params;
import org.earshot.dashboards.server.Route;

/** The views' endpoints: {@code GET /api/v1/views/…?rule=|project=&from=&to=&bucket=}. */
public final class ViewRoutes {
    private static final String TAG = "views";
    /** The parameters every view takes: its scope, period and filters. */
    public static final List<Param> PERIOD = List.of(
            Param.query("rule", "the rule counted (or project)"),
            Param.query("project", "the project counted: its brand's rules (or rule)"),
            Param.time("from", "start of the period, ISO-8601 (default: range, or 24 hours, before to)"),
            Param.query("range", "instead of from: how long the period is, back from to, e.g. 90m, 24h or 30d; a period ending now ends at now "
                    + "rounded down to the answers' cache time, so that everyone watching it shares one answer"),
            Param.time("to", "end of the period, exclusive (default: now)"),
            Param.query("bucket", "minute, hour or day (default: by the period's length; a finer one than the period allows is made coarser)"),
            Param.repeated("network", "only these networks (not applied to trending)"),
            Param.repeated("lang", "only these languages (not applied to trending)"),
            Param.repeated("sentiment", "only positive, neutral or negative mentions (not applied to trending)"));

    private final Views views;
    private final Scopes scopes;
    private final ViewCache cache;

    public ViewRoutes(Views views, Scopes scopes, ViewCache cache) {
        this.views = views;
        this.scopes = scopes;
        this.cache = cache;
    }

    public List<Route> routes() {
        return List.of(
                view("volume", "Mentions and reach over time, by network", List.of(), (ctx, s, p) -> views.volume(s, p, filter(ctx))),
                view("sentiment", "Positive, neutral and negative mentions over time, and net sentiment", List.of(),
                        (ctx, s, p) -> views.sentiment(s, p, filter(ctx))),
                view("emotions", "Each emotion's share of the mentions", List.of(), (ctx, s, p) -> views.emotions(s, p, filter(ctx))),
                view("share-of-voice", "A project's brand against its competitors", List.of(),
                        (ctx, s, p) -> views.shareOfVoice(s, scopes.names(), p, filter(ctx))),
                view("top-authors", "The authors with the most reach or mentions",
                        List.of(Param.query("by", "reach (default) or count"), Param.integer("limit", "how many, 1 to 100 (default 20)")),
                        (ctx, s, p) -> views.topAuthors(s, p, filter(ctx), Params.choice(ctx, "by", Views.Ranking.class, Views.Ranking.REACH), limit(ctx))),
                view("trending", "Terms or hashtags rising against the previous period",
                        List.of(Param.query("kind", "term (default) or hashtag"), Param.integer("limit", "how many, 1 to 100 (default 20)")),
                        (ctx, s, p) -> views.trending(s, p, Params.choice(ctx, "kind", Views.TermKind.class, Views.TermKind.TERM), limit(ctx))),
                view("top-mentions", "The mentions with the most reach or engagement",
                        List.of(Param.query("by", "reach (default) or engagement"), Param.integer("limit", "how many, 1 to 100 (default 20)")),
                        (ctx, s, p) -> views.topMentions(s, p, filter(ctx), Params.choice(ctx, "by", Views.Ranking.class, Views.Ranking.REACH), limit(ctx))));
    }

    private interface ViewAction {
        Map<String, Object> answer(Context ctx, Scope scope, Period period) throws Exception;
    }

    private Route view(String name, String summary, List<Param> extra, ViewAction action) {
        List<Param> params = new ArrayList<>(PERIOD);
        params.addAll(extra);
        return Route.get("/api/v1/views/" + name, Role.VIEWER, TAG, summary, params, (ctx, caller) -> {
            Period period = period(ctx);
            Scope scope = scopes.of(ctx);
            if (name.equals("share-of-voice") && !scope.kind().equals("project")) {
                throw ApiException.badRequest("share of voice needs a project (its brand against its competitors), not a rule");
            }
            return cache.get(key(name, ctx, scope, period), () -> action.answer(ctx, scope, period));
        });
    }

    /** From and to, or a range back from to (or from now, rounded to the cache's step). */
    public Period period(Context ctx) {
        Instant from = Params.instant(ctx, "from");
        Instant to = Params.instant(ctx, "to");
        Duration range = Params.length(ctx, "range");
        if (range != null && from != null) throw ApiException.badRequest("give parameter 'from' or 'range', not both");
        Instant end = to != null ? to : cache.now();
        return Period.of(range != null ? end.minus(range) : from, end, Params.choice(ctx, "bucket", Period.Bucket.class, null), end);
    }

    /** What an answer depends on: the view, the scope's rules, the period, and every other parameter (filters, limit, order). */
    private static String key(String view, Context ctx, Scope scope, Period period) {
        Map<String, List<String>> rest = new TreeMap<>(ctx.queryParamMap());
        for (String p : List.of("rule", "project", "from", "to", "range", "bucket")) rest.remove(p);
        return view + " " + scope + " " + period + " " + rest;
    }

    public static Filter filter(Context ctx) {
        List<String> sentiments = Params.strings(ctx, "sentiment");
        for (String s : sentiments) {
            if (!Views.SENTIMENTS.contains(s)) throw ApiException.badRequest("parameter 'sentiment' must be positive, neutral or negative, not '"
                    + Params.abbreviate(s) + "'");
        }
        return new Filter(Params.strings(ctx, "network"), Params.strings(ctx, "lang"), sentiments);
    }

    private static int limit(Context ctx) {
        return Params.integer(ctx, "limit", 20, 1, 100);
    }
}
