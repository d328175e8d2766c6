package org.earshot.pipeline.types;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.earshot.schemas.Mention;

/** Type information for {@link Mention} with its explicit serializer: pass to {@code .returns(…)}. */
public final class MentionTypes extends TypeInformation<Mention> {
    private static final long serialVersionUID = 1L;
    public static final TypeInformation<Mention> MENTION = new MentionTypes();

    private MentionTypes() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Mention> getTypeClass() {
        return Mention.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Mention> createSerializer(SerializerConfig config) {
        return MentionSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "Mention(MentionSerializer)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MentionTypes;
    }

    @Override
    public int hashCode() {
        return MentionTypes.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof MentionTypes;
    }
}
