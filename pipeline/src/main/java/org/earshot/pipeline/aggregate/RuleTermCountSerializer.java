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
 * A {@link RuleTermCount} field by field, in declaration order: the term windows emit one per rule, term and minute,
 * to a ClickHouse sink across an exchange, about as many rows as mentions. A field added to {@link RuleTermCount} must
 * be added here; {@code WindowRecordSerializersTest} fails until it is.
 */
public final class RuleTermCountSerializer extends RecordSerializer<RuleTermCount> {
    public static final RuleTermCountSerializer INSTANCE = new RuleTermCountSerializer();
    private static final long serialVersionUID = 1L;

    private RuleTermCountSerializer() {}

    @Override
    public RuleTermCount createInstance() {
        return new RuleTermCount();
    }

    @Override
    public void serialize(RuleTermCount c, DataOutputView out) throws IOException {
        writeString(c.ruleId, out);
        writeInstant(c.hour, out);
        writeString(c.kind, out);
        writeString(c.term, out);
        out.writeLong(c.count);
    }

    @Override
    public RuleTermCount deserialize(DataInputView in) throws IOException {
        RuleTermCount c = new RuleTermCount();
        c.ruleId = readString(in);
        c.hour = readInstant(in);
        c.kind = readString(in);
        c.term = readString(in);
        c.count = in.readLong();
        return c;
    }

    @Override
    public TypeSerializerSnapshot<RuleTermCount> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RuleTermCount> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Named by {@link RuleTermCount}'s {@code @TypeInfo}, so every stream of term counts uses this serializer. */
    public static final class Factory extends TypeInfoFactory<RuleTermCount> {
        @Override
        public TypeInformation<RuleTermCount> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new ExplicitType<>(RuleTermCount.class, INSTANCE);
        }
    }
}
