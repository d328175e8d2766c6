package org.earshot.pipeline.matching;

import java.io.IOException;
import java.util.BitSet;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.lucene.index.LeafReader;

/** The presearcher that picks every rule: nothing filed, nothing skipped. */
final class EveryRule implements Presearcher {
    private final BitSet slots = new BitSet();

    @Override
    public void add(int slot, CompiledRule rule) {
        slots.set(slot);
    }

    @Override
    public void remove(int slot, CompiledRule rule) {
        slots.clear(slot);
    }

    @Override
    public Set<String> keys(LeafReader mention) throws IOException {
        return MentionTerms.of(mention, length -> false);
    }

    @Override
    public void candidates(Set<String> keys, IntConsumer slot) {
        slots.stream().forEach(slot);
    }
}
