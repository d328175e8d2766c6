package org.earshot.pipeline.aggregate;

/** A window's running count: takes one record, or merges another count of the same window. */
interface Tally<T, SELF extends Tally<T, SELF>> {
    void add(T record);

    void addAll(SELF other);
}
