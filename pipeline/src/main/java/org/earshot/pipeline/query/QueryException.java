package org.earshot.pipeline.query;

/** A query refused: {@code position N: what is wrong}, N counted in characters from 1. */
public final class QueryException extends IllegalArgumentException {
    private final int position;

    QueryException(int position, String problem) {
        super("position " + position + ": " + problem);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
