package org.earshot.pipeline.text;

import org.apache.flink.api.common.functions.MapFunction;
import org.earshot.schemas.Mention;

/**
 * The Listen job's normalize stages, thin adapters over {@link MentionNormalizer}: {@link
 * #identify} before deduplication by URL, {@link #clean} after it.
 */
public final class NormalizeFunction implements MapFunction<Mention, Mention> {
    private final MentionNormalizer normalizer;
    private final boolean identify;

    private NormalizeFunction(int maxTextChars, boolean identify) {
        this.normalizer = new MentionNormalizer(maxTextChars);
        this.identify = identify;
    }

    /** Sets the canonical URL. */
    public static NormalizeFunction identify() {
        return new NormalizeFunction(1, true);
    }

    /** Cleans text and extracts entities, cutting text at {@code maxTextChars}. */
    public static NormalizeFunction clean(int maxTextChars) {
        return new NormalizeFunction(maxTextChars, false);
    }

    @Override
    public Mention map(Mention mention) {
        return identify ? normalizer.identify(mention) : normalizer.clean(mention);
    }
}
