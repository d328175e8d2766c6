package org.earshot.pipeline.query;

import java.util.List;

/** A parsed query. Leaves are words, phrases and their variants; the rest combine them. */
public sealed interface QueryNode {
    /** A word, case-insensitive and accent-folded when matched; {@code #tag} and {@code @handle} included. */
    record Term(String text) implements QueryNode {}

    /** A word with {@code *} and {@code ?}; at least two characters come before the first one. */
    record Wildcard(String pattern) implements QueryNode {}

    /** A word within {@code edits} (1 or 2) edits. */
    record Fuzzy(String text, int edits) implements QueryNode {}

    /** Words in order, adjacent, or within {@code slop} position moves. */
    record Phrase(String text, int slop) implements QueryNode {}

    /** Text matched as written, punctuation and case kept ({@code raw:"Acme+"}). */
    record Raw(String text) implements QueryNode {}

    /** {@code field:…} restricts a term, phrase or group to a field of the Mention. */
    record Field(String field, QueryNode query) implements QueryNode {}

    record And(List<QueryNode> clauses) implements QueryNode {}

    record Or(List<QueryNode> clauses) implements QueryNode {}

    /** Excludes; only inside an AND with something to exclude from. */
    record Not(QueryNode query) implements QueryNode {}

    /**
     * Any term of {@code left} within {@code distance} words of any term of {@code right};
     * {@code ordered}: left before right ({@code NEAR/nf}, {@code ONEAR/n}).
     */
    record Near(QueryNode left, QueryNode right, int distance, boolean ordered) implements QueryNode {}
}
