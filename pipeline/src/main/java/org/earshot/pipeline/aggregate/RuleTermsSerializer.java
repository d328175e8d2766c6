package org.earshot.pipeline.aggregate;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.earshot.pipeline.types.ExplicitType;
import org.earshot.pipeline.types.RecordSerializer;

/**
 * {@link RuleTerms} field by field, in declaration order: a mention's terms cross to the term windows once per rule it
 * matched, each a list of words that Flink's POJO serializer wrote through three nested serializers a string at a time.
 * A field added to {@link RuleTerms} must be added here; {@code WindowRecordSerializersTest} fails until it is.
 */
public final class RuleTermsSerializer extends RecordSerializer<RuleTerms> {
    public static final RuleTermsSerializer INSTANCE = new RuleTermsSerializer();
    private static final long serialVersionUID = 1L;

    private RuleTermsSerializer() {}

    @Override
    public RuleTerms createInstance() {
        return new RuleTerms();
    }

    @Override
    public void serialize(RuleTerms rt, DataOutputView out) throws IOException {
        writeString(rt.ruleId, out);
        writeInstant(rt.publishedAt, out);
        writeStrings(rt.terms, out);
        writeStrings(rt.hashtags, out);
    }

    @Override
    public RuleTerms deserialize(DataInputView in) throws IOException {
        RuleTerms rt = new RuleTerms();
        rt.ruleId = readString(in);
        rt.publishedAt = readInstant(in);
        rt.terms = readStrings(in);
        rt.hashtags = readStrings(in);
        return rt;
    }

    @Override
    public TypeSerializerSnapshot<RuleTerms> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RuleTerms> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Named by {@link RuleTerms}' {@code @TypeInfo}, so every stream of terms uses this serializer. */
    public static final class Factory extends TypeInfoFactory<RuleTerms> {
        @Override
        public TypeInformation<RuleTerms> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new ExplicitType<>(RuleTerms.class, INSTANCE);
        }
    }
}
