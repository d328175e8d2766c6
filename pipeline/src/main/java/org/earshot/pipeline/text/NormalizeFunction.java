package org.earshot.pipeline.text;

import org.apache.flink.api.common.functions.MapFunction;
import org.earshot.schemas.Mention;

/** The Listen job's normalize stage: a thin adapter over {@link MentionNormalizer}. */
public final class NormalizeFunction implements MapFunction<Mention, Mention> {
    private final MentionNormalizer normalizer;

    public NormalizeFunction(int maxTextChars) {
        this.normalizer = new MentionNormalizer(maxTextChars);
    }

    @Override
    public Mention map(Mention mention) {
        return normalizer.normalize(mention);
    }
}
