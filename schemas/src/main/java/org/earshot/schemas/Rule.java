package org.earshot.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * An analyst's boolean query, as it lives on the compacted topic {@code earshot.rules}: keyed by
 * {@link #id}, the latest record per id is the rule, and a tombstone (null value) deletes it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Rule {
    /** Stable identity chosen by the analyst: letters, digits, {@code . _ -}. Required. */
    public String id;
    /** The query in Earshot's boolean query language. Required. */
    public String query;
    /** A human name for dashboards and alerts; the id when absent. */
    public String name;
    public Instant updatedAt;

    public Rule() {}

    public Rule(String id, String query, String name, Instant updatedAt) {
        this.id = id;
        this.query = query;
        this.name = name;
        this.updatedAt = updatedAt;
    }

    /** Whether {@code id} is a valid rule id: 1–64 of letters, digits, {@code . _ -}. */
    public static boolean validId(String id) {
        return id != null && id.matches("[A-Za-z0-9._-]{1,64}");
    }

    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rule r && Objects.equals(id, r.id) && Objects.equals(query, r.query)
                && Objects.equals(name, r.name) && Objects.equals(updatedAt, r.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, query, name, updatedAt);
    }

    @Override
    public String toString() {
        return "Rule{" + id + ": " + query + "}";
    }
}
