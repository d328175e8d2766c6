package org.earshot.pipeline.matching;

import java.util.Objects;

/**
 * One change to the live rules, as the Listen job broadcasts it: a rule put (a new or edited
 * query), a rule deleted ({@link #query} null), or, for a record that was refused, only its
 * position ({@link #ruleId} null). Only queries that parse and compile get this far; the refused
 * records are dead letters. Every update carries the position of its record in {@code
 * earshot.rules}, so that the matcher knows when it has read the rules that existed at its start.
 */
public class RuleUpdate {
    public String ruleId;
    /** The query, or null for a delete. */
    public String query;
    public int partition;
    public long offset;

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

    /** A record that changes no rule (it was refused), passed on for its position only. */
    public static RuleUpdate skip() {
        return new RuleUpdate(null, null);
    }

    /** Where the record of this update sits in {@code earshot.rules}. */
    public RuleUpdate at(int partition, long offset) {
        this.partition = partition;
        this.offset = offset;
        return this;
    }

    public boolean isSkip() {
        return ruleId == null;
    }

    public boolean isDelete() {
        return ruleId != null && query == null;
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
        return isSkip() ? "skip " + partition + "@" + offset : isDelete() ? "delete " + ruleId : "put " + ruleId + ": " + query;
    }
}
