package org.apache.lucene.index.memory;

/**
 * A {@link MemoryIndex} whose {@link MemoryIndex#reset} keeps its memory blocks for the next document. Lucene keeps
 * none by default and offers the constructor that says how much to keep only inside its package, hence this class
 * in it. Earshot's matcher indexes every mention in one such index: a fresh one took a 32 kB byte block and a 32 kB
 * int block per mention, a quarter of every byte the Listen job allocated (JFR, {@code earshot bench ingest}).
 */
public final class RecyclingMemoryIndex {
    /** Enough for a long post with its title, author and links; a larger one's extra blocks are let go. */
    static final long KEPT_BYTES = 512 * 1024;

    private RecyclingMemoryIndex() {}

    /** An index that stores offsets (to show where a rule matched) and keeps its blocks across resets. */
    public static MemoryIndex withOffsets() {
        return new MemoryIndex(true, false, KEPT_BYTES);
    }
}
