package org.earshot.pipeline.query;

import org.earshot.pipeline.query.QueryNode.And;
import org.earshot.pipeline.query.QueryNode.Field;
import org.earshot.pipeline.query.QueryNode.Near;
import org.earshot.pipeline.query.QueryNode.Not;
import org.earshot.pipeline.query.QueryNode.Or;

/**
 * What the grammar allows but a rule cannot mean: a query that matches only by exclusion, NOT
 * as a choice of OR or inside NEAR, and more clauses than the matcher will run for one rule.
 */
final class Validation {
    private Validation() {}

    static void check(QueryNode root, int maxClauses) {
        if (excludesOnly(root)) {
            throw new QueryException(1, "a query must match something: NOT needs something to exclude from, e.g. acme NOT job");
        }
        int clauses = walk(root);
        if (clauses > maxClauses) {
            throw new QueryException(1, "the query has " + clauses + " words and phrases; a rule may have at most " + maxClauses);
        }
    }

    /** Counts the leaves, refusing NOT where it cannot mean anything. */
    private static int walk(QueryNode node) {
        if (node instanceof And and) {
            if (excludesOnly(and)) throw new QueryException(1, "a group of only NOT clauses matches nothing; add what they exclude from");
            return and.clauses().stream().mapToInt(Validation::walk).sum();
        }
        if (node instanceof Or or) {
            if (or.clauses().stream().anyMatch(c -> c instanceof Not)) {
                throw new QueryException(1, "NOT cannot be a choice of OR; put it beside what it excludes, e.g. (a OR b) NOT c");
            }
            return or.clauses().stream().mapToInt(Validation::walk).sum();
        }
        if (node instanceof Near near) {
            if (containsNot(near.left()) || containsNot(near.right())) throw new QueryException(1, "NEAR cannot take a NOT clause");
            return walk(near.left()) + walk(near.right());
        }
        if (node instanceof Field field) {
            if (field.query() instanceof Not) throw new QueryException(1, "put NOT before the field, e.g. -site:example.com");
            return walk(field.query());
        }
        if (node instanceof Not not) return walk(not.query());
        return 1;
    }

    private static boolean excludesOnly(QueryNode node) {
        return node instanceof Not || node instanceof And and && and.clauses().stream().allMatch(c -> c instanceof Not);
    }

    private static boolean containsNot(QueryNode node) {
        if (node instanceof Not) return true;
        if (node instanceof And and) return and.clauses().stream().anyMatch(Validation::containsNot);
        if (node instanceof Or or) return or.clauses().stream().anyMatch(Validation::containsNot);
        if (node instanceof Near near) return containsNot(near.left()) || containsNot(near.right());
        return node instanceof Field field && containsNot(field.query());
    }
}
