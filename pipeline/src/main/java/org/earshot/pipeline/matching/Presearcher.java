package org.earshot.pipeline.matching;

import java.io.IOException;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.lucene.index.LeafReader;

/**
 * Picks the rules worth running on a mention, as Lucene's Monitor does: rules are filed by terms when they are
 * registered, and a mention's own terms look them up. A presearcher may pick too many, never too few. Rules are
 * known by slot, a small number the {@link RuleMatcher} hands out and reuses.
 */
public interface Presearcher {
    void add(int slot, CompiledRule rule);

    void remove(int slot, CompiledRule rule);

    /**
     * What a mention offers to look rules up by, read from its one-document index: at least each of its terms as
     * {@link RequiredTerms#key} writes them, which is also what a rule's {@link TermExpression} is tested on.
     */
    Set<String> keys(LeafReader mention) throws IOException;

    /** Each slot whose rule may match a mention with these keys, once. */
    void candidates(Set<String> keys, IntConsumer slot);

    /** The brute force: every rule runs on every mention. For checking a cleverer presearcher against. */
    static Presearcher everyRule() {
        return new EveryRule();
    }

    /** Rules filed under their rarest set of required terms (the default). */
    static Presearcher requiredTerms() {
        return new RequiredTermsPresearcher();
    }
}
