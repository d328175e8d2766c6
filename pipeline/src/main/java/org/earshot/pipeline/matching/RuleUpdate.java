package org.earshot.pipeline.matching;

import java.util.Objects;

/**
 * One change to the live rules, as the Listen job broadcasts it: a rule put (a new or edited
 * query) or, when {@link #query} is null, a rule deleted. Only queries that parse and compile get
 * this far; the rest are dead letters.
 */
public class RuleUpdate {
    public String ruleId;
    /** The query, or null for a delete. */
    public String query;

    public RuleUpdate() {}

    private RuleUpdate(String ruleId, String query) {
        this.ruleId = ruleId;
        this.query = query;
    }

    public static RuleUpdate put(String ruleId, String query) {
        return new RuleUpdate(Objects.requireNonNull(ruleId), Objects.requireNonNull(query));
    }

    public static RuleUpdate delete(String ruleId) {
        return new RuleUpdate(Objects.requireNonNull(ruleId), null);
    }

    public boolean isDelete() {
        return query == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleUpdate u && Objects.equals(ruleId, u.ruleId) && Objects.equals(query, u.query);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ruleId, query);
    }

    @Override
    public String toString() {
        return isDelete() ? "delete " + ruleId : "put " + ruleId + ": " + query;
    }
}
