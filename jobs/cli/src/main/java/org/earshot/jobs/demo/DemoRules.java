package org.earshot.jobs.demo;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.earshot.dashboards.rules.Project;
import org.earshot.dashboards.rules.Projects;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.schemas.Rule;

/**
 * The rules the demo starts with: what an analyst at Aurora, the demo's brand, would set up
 * first: the brand, its competitor, its issues, a share of voice in the coffee market, and
 * outages anywhere. Seeded only while {@code earshot.rules} holds no rule, so an analyst's own
 * edits are never overwritten.
 */
public final class DemoRules {
    public static final List<Rule> RULES = List.of(
            rule("aurora", "Aurora (brand)", "aurora OR @auroramobile OR #aurorax5 OR auroraos*"),
            rule("nimbus", "Nimbus (competitor)", "nimbus OR @nimbustech OR #nimbuspro"),
            rule("aurora-issues", "Aurora issues",
                    "(aurora OR @auroramobile) NEAR/8 (outage OR down OR crash* OR overheat* OR refund OR problems OR panne)"),
            rule("coffee", "Coffee market", "brewhaus OR @brewhaus OR \"kettle roast\" OR \"kettle decaf\" OR @kettleco"),
            rule("skylark-service", "Skylark customer service",
                    "(skylark OR @skylarkair) (support OR \"customer service\" OR servicio OR \"service client\" OR kundenservice OR atendimento)"),
            rule("outages", "Outages anywhere", "outage OR #outage OR \"is down\" OR \"can't log in\""));

    /** The demo's project: Aurora against Nimbus, for share of voice. */
    public static final Project PROJECT = new Project("aurora-vs-nimbus", "Aurora vs Nimbus", List.of("aurora"), List.of("nimbus"));

    private DemoRules() {}

    /** Adds the demo's project when there is no project yet (an analyst's own are never touched); whether it did. */
    public static boolean seed(Projects projects) throws SQLException {
        if (!projects.list().isEmpty()) return false;
        projects.put(PROJECT);
        return true;
    }

    /** Puts the demo rules when there are none; returns how many it put. */
    public static int seed(RulesTopic rules) {
        if (!rules.readAll().isEmpty()) return 0;
        Instant now = Instant.now();
        RULES.forEach(rule -> rules.put(new Rule(rule.id, rule.query, rule.name, now))); // added now, as an analyst's would be
        return RULES.size();
    }

    private static Rule rule(String id, String name, String query) {
        return new Rule(id, query, name, null);
    }
}
