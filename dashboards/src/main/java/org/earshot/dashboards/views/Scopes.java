package org.earshot.dashboards.views;

import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.earshot.dashboards.rules.Project;
import org.earshot.dashboards.rules.Projects;
import org.earshot.dashboards.rules.RuleBook;
import org.earshot.dashboards.server.ApiException;
import org.earshot.dashboards.server.Params;
import org.earshot.schemas.Rule;

/** Reads a view's scope from a request ({@code rule=ID} or {@code project=ID}); an unknown one is a 404. */
public final class Scopes {
    private final RuleBook rules;
    private final Projects projects;

    public Scopes(RuleBook rules, Projects projects) {
        this.rules = rules;
        this.projects = projects;
    }

    public Scope of(Context ctx) throws SQLException {
        String rule = Params.string(ctx, "rule");
        String project = Params.string(ctx, "project");
        if ((rule == null) == (project == null)) throw ApiException.badRequest("give one of the parameters 'rule' or 'project'");
        return rule != null ? rule(rule) : project(project);
    }

    /** The rule {@code id}; an unknown one is a 404. */
    public Scope rule(String id) {
        Rule r = rules.all().get(id);
        if (r == null) throw ApiException.notFound("no rule '" + Params.abbreviate(id) + "'");
        return new Scope("rule", r.id, r.displayName(), List.of(r.id), List.of());
    }

    /** The project {@code id}, its brand's and competitors' rules; an unknown one is a 404. */
    public Scope project(String id) throws SQLException {
        Project p = projects.get(id).orElseThrow(() -> ApiException.notFound("no project '" + Params.abbreviate(id) + "'"));
        return new Scope("project", p.id(), p.name(), p.brandRules(), p.competitorRules());
    }

    /** Every rule's display name by id. */
    public Map<String, String> names() {
        SortedMap<String, Rule> all = rules.all();
        Map<String, String> names = new java.util.HashMap<>();
        all.forEach((id, r) -> names.put(id, r.displayName()));
        return names;
    }
}
