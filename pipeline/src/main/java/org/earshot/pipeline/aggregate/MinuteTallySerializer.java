package org.earshot.pipeline.aggregate;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.earshot.pipeline.types.ExplicitType;
import org.earshot.pipeline.types.RecordSerializer;

/**
 * A {@link MinuteTally} field by field, in declaration order. Tallies wait in the minute windows' state for the
 * allowed lateness, each with its distinct authors, and the heap backend writes all of them into every checkpoint:
 * Flink's POJO serializer wrote each author a byte at a time through five nested streams, 47 % of the CPU that
 * checkpoints took in an hour's soak at 5,000 mentions/s (JFR). Windows written by that serializer, before this one,
 * are read with it and written anew in the next checkpoint. A field added to {@link MinuteTally} must be added here;
 * {@code WindowRecordSerializersTest} fails until it is.
 */
public final class MinuteTallySerializer extends RecordSerializer<MinuteTally> {
    public static final MinuteTallySerializer INSTANCE = new MinuteTallySerializer();
    private static final long serialVersionUID = 1L;

    private MinuteTallySerializer() {}

    @Override
    public MinuteTally createInstance() {
        return new MinuteTally();
    }

    @Override
    public void serialize(MinuteTally t, DataOutputView out) throws IOException {
        writeString(t.ruleId, out);
        writeString(t.network, out);
        writeString(t.lang, out);
        writeString(t.sentiment, out);
        out.writeLong(t.mentions);
        out.writeLong(t.reach);
        writeLongs(t.emotions, out);
        writeStrings(t.authors, out);
    }

    @Override
    public MinuteTally deserialize(DataInputView in) throws IOException {
        MinuteTally t = new MinuteTally();
        t.ruleId = readString(in);
        t.network = readString(in);
        t.lang = readString(in);
        t.sentiment = readString(in);
        t.mentions = in.readLong();
        t.reach = in.readLong();
        t.emotions = readLongs(in);
        t.authors = readStrings(in);
        return t;
    }

    /**
     * Field by field, the strings shared: the heap backend copies a window's tally each time it is touched after a
     * checkpoint, and through the bytes that would encode and decode every author again.
     */
    @Override
    public MinuteTally copy(MinuteTally from) {
        MinuteTally t = new MinuteTally();
        t.ruleId = from.ruleId;
        t.network = from.network;
        t.lang = from.lang;
        t.sentiment = from.sentiment;
        t.mentions = from.mentions;
        t.reach = from.reach;
        t.emotions = from.emotions == null ? null : from.emotions.clone();
        t.authors = from.authors == null ? null : new ArrayList<>(from.authors);
        return t;
    }

    @Override
    public TypeSerializerSnapshot<MinuteTally> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Also reads the windows of a checkpoint taken before this serializer: they were written as a POJO. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<MinuteTally> {
        public Snapshot() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<MinuteTally> resolveSchemaCompatibility(TypeSerializerSnapshot<MinuteTally> old) {
            if (old instanceof PojoSerializerSnapshot) return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            return super.resolveSchemaCompatibility(old);
        }
    }

    /** Named by {@link MinuteTally}'s {@code @TypeInfo}, so the windows' state and every stream of tallies use this serializer. */
    public static final class Factory extends TypeInfoFactory<MinuteTally> {
        @Override
        public TypeInformation<MinuteTally> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new ExplicitType<>(MinuteTally.class, INSTANCE);
        }
    }
}
