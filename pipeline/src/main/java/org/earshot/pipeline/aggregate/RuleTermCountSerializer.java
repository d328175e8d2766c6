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
import org.earshot.pipeline.types.Utf8Strings;

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
        Utf8Strings.write(c.ruleId, out);
        writeInstant(c.hour, out);
        Utf8Strings.write(c.kind, out);
        Utf8Strings.write(c.term, out);
        out.writeLong(c.count);
    }

    @Override
    public RuleTermCount deserialize(DataInputView in) throws IOException {
        RuleTermCount c = new RuleTermCount();
        c.ruleId = Utf8Strings.read(in);
        c.hour = readInstant(in);
        c.kind = Utf8Strings.read(in);
        c.term = Utf8Strings.read(in);
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
