package org.earshot.pipeline.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.earshot.schemas.Author;
import org.earshot.schemas.Engagement;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Sentiment;

/**
 * A Mention field by field, in declaration order, nulls marked, strings as {@link Utf8Strings} writes them. A field
 * added to {@link Mention} must be added here, in {@link #serialize} and {@link #deserialize} alike, with {@link
 * #VERSION} raised and a reader for the version before kept for checkpoints that hold it (as {@link Version3} is);
 * {@code MentionSerializerTest} fails until the field is added.
 */
public class MentionSerializer extends RecordSerializer<Mention> {
    public static final MentionSerializer INSTANCE = new MentionSerializer();
    private static final long serialVersionUID = 1L;
    /** 4: strings as UTF-8 in one piece; 3: the same fields, strings as Flink's {@link StringValue}. */
    static final int VERSION = 4;

    private MentionSerializer() {}

    @Override
    public Mention createInstance() {
        return new Mention();
    }

    @Override
    public void serialize(Mention m, DataOutputView out) throws IOException {
        writeString(m.id, out);
        writeString(m.network, out);
        writeString(m.url, out);
        writeString(m.canonicalUrl, out);
        out.writeBoolean(m.author != null);
        if (m.author != null) {
            writeString(m.author.handle, out);
            writeString(m.author.name, out);
            writeString(m.author.url, out);
            writeLong(m.author.followers, out);
        }
        writeString(m.title, out);
        writeString(m.text, out);
        writeString(m.lang, out);
        writeInstant(m.publishedAt, out);
        writeString(m.publishedAtClaimed, out);
        writeInstant(m.fetchedAt, out);
        writeInstant(m.editedAt, out);
        writeString(m.threadId, out);
        writeString(m.parentId, out);
        out.writeBoolean(m.engagement != null);
        if (m.engagement != null) {
            out.writeLong(m.engagement.likes);
            out.writeLong(m.engagement.reposts);
            out.writeLong(m.engagement.replies);
        }
        writeLong(m.reach, out);
        writeStrings(m.hashtags, out);
        writeStrings(m.links, out);
        writeStrings(m.mentions, out);
        writeString(m.geo, out);
        writeString(m.raw, out);
        out.writeBoolean(m.sentiment != null);
        if (m.sentiment != null) {
            writeString(m.sentiment.label, out);
            out.writeDouble(m.sentiment.score);
        }
        writeString(m.emotion, out);
        writeStrings(m.ruleIds, out);
        writeStrings(m.tokens, out);
        out.writeByte(m.edit == null ? 0 : m.edit ? 2 : 1);
    }

    @Override
    public Mention deserialize(DataInputView in) throws IOException {
        Mention m = new Mention();
        m.id = readString(in);
        m.network = readString(in);
        m.url = readString(in);
        m.canonicalUrl = readString(in);
        if (in.readBoolean()) {
            m.author = new Author(readString(in), readString(in), readString(in), readLong(in));
        }
        m.title = readString(in);
        m.text = readString(in);
        m.lang = readString(in);
        m.publishedAt = readInstant(in);
        m.publishedAtClaimed = readString(in);
        m.fetchedAt = readInstant(in);
        m.editedAt = readInstant(in);
        m.threadId = readString(in);
        m.parentId = readString(in);
        if (in.readBoolean()) m.engagement = new Engagement(in.readLong(), in.readLong(), in.readLong());
        m.reach = readLong(in);
        m.hashtags = readStrings(in);
        m.links = readStrings(in);
        m.mentions = readStrings(in);
        m.geo = readString(in);
        m.raw = readString(in);
        if (in.readBoolean()) m.sentiment = new Sentiment(readString(in), in.readDouble());
        m.emotion = readString(in);
        m.ruleIds = readStrings(in);
        m.tokens = readStrings(in);
        byte edit = in.readByte();
        m.edit = edit == 0 ? null : edit == 2;
        return m;
    }

    @Override
    public TypeSerializerSnapshot<Mention> snapshotConfiguration() {
        return new Snapshot();
    }

    private static void writeLong(Long value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) out.writeLong(value);
    }

    private static Long readLong(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    /**
     * Version 3, which wrote its strings with Flink's {@link StringValue}: what a checkpoint written before version 4
     * holds (mentions held for the rules or the alert subscriptions), read once on restore and written anew.
     */
    static final class Version3 extends MentionSerializer {
        static final Version3 INSTANCE = new Version3();
        private static final long serialVersionUID = 1L;

        private Version3() {}

        @Override
        protected void writeString(String s, DataOutputView out) throws IOException {
            StringValue.writeString(s, out);
        }

        @Override
        protected String readString(DataInputView in) throws IOException {
            return StringValue.readString(in);
        }

        @Override
        public TypeSerializerSnapshot<Mention> snapshotConfiguration() {
            return new Snapshot(3);
        }
    }

    /**
     * The serializer of a checkpoint, by the version it was written with. Versions up to 3 were written by Flink's
     * {@link org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot} (version 3 of its own format, with no
     * payload) under this class's name, so they are read here too.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<Mention> {
        private int version;

        public Snapshot() {
            this(VERSION);
        }

        private Snapshot(int version) {
            this.version = version;
        }

        /** The version this snapshot's serializer writes: what a restore must read with. */
        @Override
        public int getCurrentVersion() {
            return version;
        }

        @Override
        public void writeSnapshot(DataOutputView out) {}

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            if (readVersion < 3) throw new IOException("a mention serializer snapshot of version " + readVersion + " is older than Earshot 0.1");
            version = readVersion;
        }

        @Override
        public TypeSerializer<Mention> restoreSerializer() {
            return version < VERSION ? Version3.INSTANCE : INSTANCE;
        }

        @Override
        public TypeSerializerSchemaCompatibility<Mention> resolveSchemaCompatibility(TypeSerializerSnapshot<Mention> old) {
            if (!(old instanceof Snapshot written)) return TypeSerializerSchemaCompatibility.incompatible();
            if (written.version == VERSION) return TypeSerializerSchemaCompatibility.compatibleAsIs();
            return written.version < VERSION ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.incompatible(); // written by a newer Earshot
        }
    }
}
