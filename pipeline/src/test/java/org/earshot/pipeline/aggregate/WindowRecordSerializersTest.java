package org.earshot.pipeline.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.earshot.pipeline.types.RecordSerializer;
import org.junit.jupiter.api.Test;

/**
 * The records a mention sends to the windows, one per rule it matched, the minute tallies the windows keep, and the
 * term rows they send on come back from their serializers whole.
 */
class WindowRecordSerializersTest {
    private static final List<Class<?>> RECORDS = List.of(RuleMatch.class, RuleTerms.class, RuleTermCount.class, MinuteTally.class);

    @Test
    void everyFieldComesBack() throws Exception {
        for (Class<?> type : RECORDS) {
            Object record = everyFieldSet(type);
            assertThat(roundTrip(record)).as(type.getSimpleName()).usingRecursiveComparison().isEqualTo(record);
            assertThat(serializer(type).copy(record)).as(type.getSimpleName()).usingRecursiveComparison().isEqualTo(record);
        }
    }

    @Test
    void aRecordOfNullsComesBack() throws Exception {
        for (Class<?> type : RECORDS) {
            Object empty = type.getConstructor().newInstance();
            for (Field f : fields(type)) if (!f.getType().isPrimitive()) f.set(empty, null);
            assertThat(roundTrip(empty)).as(type.getSimpleName()).usingRecursiveComparison().isEqualTo(empty);
        }
    }

    @Test
    void everyStreamOfTheRecordsUsesItsSerializer() {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        assertThat(TypeInformation.of(RuleMatch.class).createSerializer(noKryo)).isSameAs(RuleMatchSerializer.INSTANCE);
        assertThat(TypeInformation.of(RuleTerms.class).createSerializer(noKryo)).isSameAs(RuleTermsSerializer.INSTANCE);
        assertThat(TypeInformation.of(RuleTermCount.class).createSerializer(noKryo)).isSameAs(RuleTermCountSerializer.INSTANCE);
        assertThat(TypeInformation.of(MinuteTally.class).createSerializer(noKryo)).isSameAs(MinuteTallySerializer.INSTANCE);
    }

    @Test
    void aSnapshotRestoresTheSameSerializer() {
        for (Class<?> type : RECORDS) {
            TypeSerializer<Object> serializer = serializer(type);
            TypeSerializerSnapshot<Object> snapshot = serializer.snapshotConfiguration();
            assertThat(snapshot.restoreSerializer()).isSameAs(serializer);
            assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(snapshot).isCompatibleAsIs()).isTrue();
        }
    }

    /** Every field set to a value no default has, strings with accents, an emoji and a lone surrogate. */
    private static Object everyFieldSet(Class<?> type) throws Exception {
        Object record = type.getConstructor().newInstance();
        int n = 0;
        for (Field f : fields(type)) {
            n++;
            String text = f.getName() + "-é😀\ud800";
            Object value;
            if (f.getType() == String.class) value = text;
            else if (f.getType() == Instant.class) value = Instant.ofEpochSecond(1_700_000_000L + n, 123_456_789);
            else if (f.getType() == long.class) value = 1_000_000_007L * n;
            else if (f.getType() == List.class) value = Arrays.asList(text, null, "");
            else if (f.getType() == long[].class) value = new long[] {n, -n, Long.MAX_VALUE};
            else throw new AssertionError(type.getSimpleName() + "." + f.getName() + " is of a type this test cannot fill: add it here and to the serializer");
            f.set(record, value);
        }
        return record;
    }

    private static List<Field> fields(Class<?> type) {
        return Arrays.stream(type.getFields()).filter(f -> !Modifier.isStatic(f.getModifiers())).toList();
    }

    @SuppressWarnings("unchecked")
    private static TypeSerializer<Object> serializer(Class<?> type) {
        RecordSerializer<?> serializer = type == RuleMatch.class ? RuleMatchSerializer.INSTANCE
                : type == RuleTerms.class ? RuleTermsSerializer.INSTANCE
                : type == MinuteTally.class ? MinuteTallySerializer.INSTANCE : RuleTermCountSerializer.INSTANCE;
        return (TypeSerializer<Object>) serializer;
    }

    private static Object roundTrip(Object record) throws Exception {
        TypeSerializer<Object> serializer = serializer(record.getClass());
        DataOutputSerializer out = new DataOutputSerializer(16);
        serializer.serialize(record, out);
        return serializer.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
    }
}
