package org.earshot.pipeline.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;
import org.earshot.schemas.Author;
import org.earshot.schemas.Engagement;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Mentions;
import org.earshot.schemas.Sentiment;
import org.junit.jupiter.api.Test;

class MentionSerializerTest {
    private static Mention roundTrip(Mention m) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        MentionSerializer.INSTANCE.serialize(m, out);
        return MentionSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
    }

    @Test
    void everyFieldOfTheFixtureIsSet() throws Exception {
        for (Class<?> type : List.of(Mention.class, Author.class, Engagement.class, Sentiment.class)) {
            Object instance = switch (type.getSimpleName()) {
                case "Author" -> Mentions.everyFieldSet().author;
                case "Engagement" -> Mentions.everyFieldSet().engagement;
                case "Sentiment" -> Mentions.everyFieldSet().sentiment;
                default -> Mentions.everyFieldSet();
            };
            for (Field f : type.getFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                Object value = f.get(instance);
                assertThat(value).as("%s.%s is set in the fixture", type.getSimpleName(), f.getName()).isNotNull();
                if (value instanceof List<?> l) assertThat(l).as("%s.%s", type.getSimpleName(), f.getName()).isNotEmpty();
                if (value instanceof Number n) assertThat(n.doubleValue()).as("%s.%s", type.getSimpleName(), f.getName()).isNotZero();
            }
        }
    }

    @Test
    void roundTripsEveryField() throws Exception {
        Mention m = Mentions.everyFieldSet();
        assertThat(roundTrip(m)).isEqualTo(m);
        assertThat(MentionSerializer.INSTANCE.copy(m)).isEqualTo(m).isNotSameAs(m);
    }

    @Test
    void roundTripsAnEmptyMention() throws Exception {
        Mention m = new Mention();
        m.hashtags = null;
        assertThat(roundTrip(m)).isEqualTo(m);
        assertThat(roundTrip(new Mention())).isEqualTo(new Mention());
    }

    @Test
    void snapshotRestoresTheSameSerializer() {
        assertThat(MentionSerializer.INSTANCE.snapshotConfiguration().restoreSerializer()).isSameAs(MentionSerializer.INSTANCE);
    }

    /** Every kind of string a post brings: accents, CJK, emoji (surrogate pairs), lone and reversed surrogates. */
    @Test
    void everyStringComesBackAsItWent() throws Exception {
        List<String> strings = List.of("", "plain ascii", "café crème", "Ελληνικά", "日本語のテキスト", "emoji 😀👍🏽 end", "\uD83D",
                "\uDE00", "a\uD83Dz", "a\uDE00\uD83Dz", "ends high \uD83D", "\u0000nul", "x".repeat(70_000) + "é😀" + "\uD800");
        Random random = new Random(5);
        List<String> all = new ArrayList<>(strings);
        for (int i = 0; i < 2_000; i++) {
            char[] chars = new char[random.nextInt(40)];
            for (int j = 0; j < chars.length; j++) chars[j] = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000));
            all.add(new String(chars));
        }
        for (String s : all) {
            Mention m = new Mention();
            m.text = s;
            m.title = s;
            m.hashtags = java.util.Arrays.asList(s, null, s);
            Mention back = roundTrip(m);
            assertThat(back.text).isEqualTo(s);
            assertThat(back.title).isEqualTo(s);
            assertThat(back.hashtags).containsExactly(s, null, s);
        }
    }

    /**
     * A checkpoint written before version 4 holds its snapshot as Flink's {@code SimpleTypeSerializerSnapshot} wrote
     * it (this class's name, version 3, no payload) and mentions with Flink's strings: they are read by version 3 and
     * migrated; a snapshot written now restores this serializer as is.
     */
    @Test
    void aCheckpointOfVersionThreeIsReadAndMigrated() throws Exception {
        DataOutputSerializer snapshot = new DataOutputSerializer(64);
        snapshot.writeUTF(MentionSerializer.Snapshot.class.getName());
        snapshot.writeInt(3);
        TypeSerializerSnapshot<Mention> old = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(snapshot.getCopyOfBuffer()), getClass().getClassLoader());
        TypeSerializer<Mention> restore = old.restoreSerializer();
        assertThat(restore).isSameAs(MentionSerializer.Version3.INSTANCE);
        assertThat(MentionSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(old).isCompatibleAfterMigration()).isTrue();

        Mention m = Mentions.everyFieldSet();
        m.text = "Aurora 😀 café \uD83D";
        DataOutputSerializer written = new DataOutputSerializer(64);
        StringValue.writeString(m.id, written); // version 3 began with the id as Flink writes a string
        DataOutputSerializer inVersion3 = new DataOutputSerializer(256);
        restore.serialize(m, inVersion3);
        assertThat(java.util.Arrays.copyOf(inVersion3.getCopyOfBuffer(), written.length())).isEqualTo(written.getCopyOfBuffer());
        assertThat(restore.deserialize(new DataInputDeserializer(inVersion3.getCopyOfBuffer()))).isEqualTo(m);

        DataOutputSerializer current = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(current, MentionSerializer.INSTANCE.snapshotConfiguration());
        TypeSerializerSnapshot<Mention> now = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(current.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(now.restoreSerializer()).isSameAs(MentionSerializer.INSTANCE);
        assertThat(MentionSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(now).isCompatibleAsIs()).isTrue();
    }

    /** Keeps the mentions it is given in operator state, written with {@code serializer}, as held mentions are. */
    private static final class Holding extends ProcessFunction<Mention, Mention> implements CheckpointedFunction {
        private final TypeSerializer<Mention> serializer;
        private transient ListState<Mention> held;

        Holding(TypeSerializer<Mention> serializer) {
            this.serializer = serializer;
        }

        @Override
        public void initializeState(FunctionInitializationContext context) throws Exception {
            held = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("held", serializer));
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {}

        @Override
        public void processElement(Mention m, Context ctx, Collector<Mention> out) throws Exception {
            held.add(m);
        }
    }

    private static OneInputStreamOperatorTestHarness<Mention, Mention> holding(TypeSerializer<Mention> serializer, OperatorSubtaskState from)
            throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new Holding(serializer)));
        h.setup();
        if (from != null) h.initializeState(from);
        h.open();
        return h;
    }

    /**
     * Through Flink's own operator state: mentions held in a checkpoint of version 3 come back whole after the
     * upgrade, and the upgraded job's next checkpoint holds them in version 4, which restores again.
     */
    @Test
    void heldMentionsOfVersionThreeAreRestoredAndWrittenAnew() throws Exception {
        Mention m = Mentions.everyFieldSet();
        m.text = "Aurora 😀 café \uD83D";
        OperatorSubtaskState old;
        try (var before = holding(MentionSerializer.Version3.INSTANCE, null)) {
            before.processElement(m, 0L);
            old = before.snapshot(1L, 1L);
        }
        OperatorSubtaskState upgraded;
        try (var after = holding(MentionSerializer.INSTANCE, old)) {
            upgraded = after.snapshot(2L, 2L);
        }
        try (var again = holding(MentionSerializer.INSTANCE, upgraded)) {
            Holding function = (Holding) ((ProcessOperator<?, ?>) again.getOperator()).getUserFunction();
            assertThat(function.held.get()).containsExactly(m);
        }
    }
}
