package org.earshot.dashboards.rules;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.dashboards.access.Caller;
import org.earshot.dashboards.access.Role;
import org.earshot.dashboards.server.ApiException;
import org.earshot.dashboards.server.Params;
import org.earshot.dashboards.server.Route;
import org.earshot.pipeline.query.QueryException;
import org.earshot.pipeline.query.QueryParser;
import org.earshot.pipeline.query.QueryPrinter;
import org.earshot.schemas.Rule;

/**
 * Rules ({@code /api/v1/rules}, written to {@code earshot.rules}, where the Listen job picks them up live) and
 * projects ({@code /api/v1/projects}). A query is checked before it is saved; a wrong one is refused with its
 * position, as {@code earshot rules validate} prints it.
 */
public final class RuleRoutes {
    private static final String RULES = "rules";
    private static final String PROJECTS = "projects";

    /** What a client sends for a rule or a project. */
    public record RuleBody(String id, String name, String query) {}

    public record ProjectBody(String id, String name, List<String> brandRules, List<String> competitorRules) {}

    private final RuleBook rules;
    private final Projects projects;

    public RuleRoutes(RuleBook rules, Projects projects) {
        this.rules = rules;
        this.projects = projects;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/rules", Role.VIEWER, RULES, "Every rule", List.of(), (ctx, c) -> rules.all().values().stream().map(RuleRoutes::json).toList()),
                Route.get("/api/v1/rules/{id}", Role.VIEWER, RULES, "One rule", Route.pathParams("/api/v1/rules/{id}"), (ctx, c) -> json(rule(ctx))),
                Route.post("/api/v1/rules", Role.EDITOR, RULES, "Add a rule", "{id, name, query}", this::create),
                Route.put("/api/v1/rules/{id}", Role.EDITOR, RULES, "Change a rule's name or query", "{name, query}", this::update),
                Route.delete("/api/v1/rules/{id}", Role.EDITOR, RULES, "Delete a rule", (ctx, c) -> {
                    rule(ctx);
                    rules.delete(ctx.pathParam("id"));
                    return null;
                }),
                Route.post("/api/v1/rules/validate", Role.VIEWER, RULES, "Check a query: how it reads, or where it is wrong", "{query}",
                        (ctx, c) -> validate(Params.body(ctx, RuleBody.class).query())),
                Route.get("/api/v1/projects", Role.VIEWER, PROJECTS, "Every project", List.of(), (ctx, c) -> projects.list()),
                Route.get("/api/v1/projects/{id}", Role.VIEWER, PROJECTS, "One project", Route.pathParams("/api/v1/projects/{id}"),
                        (ctx, c) -> project(ctx)),
                Route.post("/api/v1/projects", Role.EDITOR, PROJECTS, "Add a project", "{id, name, brandRules, competitorRules}",
                        (ctx, c) -> {
                            ProjectBody b = Params.body(ctx, ProjectBody.class);
                            if (b.id() != null && projects.get(b.id()).isPresent()) throw new ApiException(409, "project '" + b.id() + "' exists; PUT changes it");
                            ctx.status(201);
                            return saveProject(b.id(), b);
                        }),
                Route.put("/api/v1/projects/{id}", Role.EDITOR, PROJECTS, "Change a project", "{name, brandRules, competitorRules}",
                        (ctx, c) -> {
                            project(ctx);
                            return saveProject(ctx.pathParam("id"), Params.body(ctx, ProjectBody.class));
                        }),
                Route.delete("/api/v1/projects/{id}", Role.EDITOR, PROJECTS, "Delete a project", (ctx, c) -> {
                    if (!projects.delete(ctx.pathParam("id"))) throw notFound("project", ctx);
                    return null;
                }));
    }

    private Object create(Context ctx, Caller caller) {
        RuleBody b = Params.body(ctx, RuleBody.class);
        if (b.id() != null && rules.all().containsKey(b.id())) throw new ApiException(409, "rule '" + b.id() + "' exists; PUT changes it");
        ctx.status(201);
        return json(save(b.id(), b));
    }

    private Object update(Context ctx, Caller caller) {
        Rule old = rule(ctx);
        RuleBody b = Params.body(ctx, RuleBody.class);
        return json(save(old.id, new RuleBody(old.id, b.name() == null ? old.name : b.name(), b.query() == null ? old.query : b.query())));
    }

    private Rule save(String id, RuleBody b) {
        if (!Rule.validId(id)) throw ApiException.badRequest("rule id '" + (id == null ? "" : Params.abbreviate(id)) + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        if (b.query() == null || b.query().isBlank()) throw ApiException.badRequest("a rule needs a query");
        try {
            QueryParser.parse(b.query());
        } catch (QueryException e) {
            throw new ApiException(400, e.getMessage());
        }
        Rule rule = new Rule(id, b.query(), b.name(), Instant.now());
        rules.put(rule);
        return rule;
    }

    /** How the query reads, with warnings; or, when it is wrong, the problem and its position (from 1). */
    static Map<String, Object> validate(String query) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (query == null || query.isBlank()) {
            answer.put("valid", false);
            answer.put("error", Map.of("message", "the query is empty", "position", 1));
            return answer;
        }
        try {
            QueryParser.Checked checked = QueryParser.check(query);
            answer.put("valid", true);
            answer.put("reads", QueryPrinter.explain(checked.node()));
            List<Map<String, Object>> warnings = new ArrayList<>();
            checked.warnings().forEach(w -> warnings.add(Map.of("message", w.message(), "position", w.position())));
            answer.put("warnings", warnings);
        } catch (QueryException e) {
            answer.put("valid", false);
            answer.put("error", Map.of("message", e.getMessage(), "position", e.position()));
        }
        return answer;
    }

    private Object saveProject(String id, ProjectBody b) throws Exception {
        if (!Rule.validId(id)) throw ApiException.badRequest("project id '" + (id == null ? "" : Params.abbreviate(id)) + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        List<String> brand = b.brandRules() == null ? List.of() : b.brandRules();
        List<String> competitors = b.competitorRules() == null ? List.of() : b.competitorRules();
        if (brand.isEmpty()) throw ApiException.badRequest("a project needs at least one brand rule (brandRules)");
        for (String rule : concat(brand, competitors)) {
            if (!rules.all().containsKey(rule)) throw ApiException.badRequest("no rule '" + Params.abbreviate(String.valueOf(rule)) + "'; add it first");
        }
        Project p = new Project(id, b.name() == null || b.name().isBlank() ? id : b.name(), brand, competitors);
        projects.put(p);
        return p;
    }

    private Rule rule(Context ctx) {
        Rule r = rules.all().get(ctx.pathParam("id"));
        if (r == null) throw notFound("rule", ctx);
        return r;
    }

    private Project project(Context ctx) throws Exception {
        return projects.get(ctx.pathParam("id")).orElseThrow(() -> notFound("project", ctx));
    }

    private static ApiException notFound(String what, Context ctx) {
        return ApiException.notFound("no " + what + " '" + Params.abbreviate(ctx.pathParam("id")) + "'");
    }

    private static Map<String, Object> json(Rule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id);
        m.put("name", r.displayName());
        m.put("query", r.query);
        m.put("updatedAt", r.updatedAt == null ? null : r.updatedAt.toString());
        return m;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
