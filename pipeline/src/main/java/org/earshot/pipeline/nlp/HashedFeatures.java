package org.earshot.pipeline.nlp;

import java.util.function.LongConsumer;

/**
 * A feature generator that can also give its features as {@link PackedModel#hash}es, in the order {@code
 * extractFeatures} lists them, so a packed model reads them without a string made for each.
 */
interface HashedFeatures {
    void hashes(String[] tokens, LongConsumer hashes);
}
