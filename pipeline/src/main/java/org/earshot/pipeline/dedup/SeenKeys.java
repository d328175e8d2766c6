package org.earshot.pipeline.dedup;

/**
 * What a dedup stage remembers of each key it has seen, for the stage's time to live from the key's first sighting
 * (or its latest edit). The id stage keeps the latest edit time of each id; a copy stage keeps the id first seen under
 * each URL or text. Expired keys read as unseen.
 */
interface SeenKeys {
    /** The edit time kept for an id seen without one. */
    long NEVER_EDITED = Long.MIN_VALUE;
    /** The first id kept for a key an early version remembered only as seen: a copy of it is dropped, not reported. */
    String UNKNOWN_FIRST = "";

    /** The id stage: the latest edit time (epoch milliseconds, or {@link #NEVER_EDITED}) of {@code key}; null if unseen. */
    Long edited(long key, long now) throws Exception;

    /** The id stage: remembers {@code key} with {@code editedAt} until {@code now} plus the time to live. */
    void edited(long key, long editedAt, long now) throws Exception;

    /** A copy stage: the id first seen under {@code key} (or {@link #UNKNOWN_FIRST}); null if unseen. */
    String first(long key, long now) throws Exception;

    /** A copy stage: remembers {@code id} under {@code key} until {@code now} plus the time to live. */
    void first(long key, String id, long now) throws Exception;

    /** Keys held, expired ones not yet cleared included. */
    long held();
}
