package org.earshot.pipeline.query;

/**
 * Something in a valid query that an analyst probably did not mean: the query is saved and runs
 * as read, and the warning says how it is read and what to write instead.
 *
 * @param position where, counted in characters from 1
 */
public record QueryWarning(int position, String message) {
    @Override
    public String toString() {
        return "position " + position + ": " + message;
    }
}
