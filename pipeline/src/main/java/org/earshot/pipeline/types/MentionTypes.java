package org.earshot.pipeline.types;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.earshot.schemas.Mention;

/** Type information for {@link Mention} with its explicit serializer: pass to {@code .returns(…)}. */
public final class MentionTypes {
    public static final TypeInformation<Mention> MENTION = new ExplicitType<>(Mention.class, MentionSerializer.INSTANCE);

    private MentionTypes() {}
}
