package org.earshot.pipeline.types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.earshot.schemas.Author;
import org.earshot.schemas.Engagement;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Sentiment;

/**
 * A Mention field by field, in declaration order, nulls marked. A field added to {@link Mention}
 * must be added here, in {@link #serialize} and {@link #deserialize} alike, with {@link #VERSION}
 * raised; {@code MentionSerializerTest} fails until it is.
 */
public final class MentionSerializer extends TypeSerializerSingleton<Mention> {
    public static final MentionSerializer INSTANCE = new MentionSerializer();
    private static final long serialVersionUID = 1L;
    static final int VERSION = 3;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Mention createInstance() {
        return new Mention();
    }

    @Override
    public Mention copy(Mention from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(1024);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy mention " + from.id, e);
        }
    }

    @Override
    public Mention copy(Mention from, Mention reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Mention m, DataOutputView out) throws IOException {
        StringValue.writeString(m.id, out);
        StringValue.writeString(m.network, out);
        StringValue.writeString(m.url, out);
        StringValue.writeString(m.canonicalUrl, out);
        out.writeBoolean(m.author != null);
        if (m.author != null) {
            StringValue.writeString(m.author.handle, out);
            StringValue.writeString(m.author.name, out);
            StringValue.writeString(m.author.url, out);
            writeLong(m.author.followers, out);
        }
        StringValue.writeString(m.title, out);
        StringValue.writeString(m.text, out);
        StringValue.writeString(m.lang, out);
        writeInstant(m.publishedAt, out);
        StringValue.writeString(m.publishedAtClaimed, out);
        writeInstant(m.fetchedAt, out);
        writeInstant(m.editedAt, out);
        StringValue.writeString(m.threadId, out);
        StringValue.writeString(m.parentId, out);
        out.writeBoolean(m.engagement != null);
        if (m.engagement != null) {
            out.writeLong(m.engagement.likes);
            out.writeLong(m.engagement.reposts);
            out.writeLong(m.engagement.replies);
        }
        writeLong(m.reach, out);
        writeList(m.hashtags, out);
        writeList(m.links, out);
        writeList(m.mentions, out);
        StringValue.writeString(m.geo, out);
        StringValue.writeString(m.raw, out);
        out.writeBoolean(m.sentiment != null);
        if (m.sentiment != null) {
            StringValue.writeString(m.sentiment.label, out);
            out.writeDouble(m.sentiment.score);
        }
        StringValue.writeString(m.emotion, out);
        writeList(m.ruleIds, out);
        writeList(m.tokens, out);
        out.writeByte(m.edit == null ? 0 : m.edit ? 2 : 1);
    }

    @Override
    public Mention deserialize(DataInputView in) throws IOException {
        Mention m = new Mention();
        m.id = StringValue.readString(in);
        m.network = StringValue.readString(in);
        m.url = StringValue.readString(in);
        m.canonicalUrl = StringValue.readString(in);
        if (in.readBoolean()) {
            m.author = new Author(StringValue.readString(in), StringValue.readString(in), StringValue.readString(in), readLong(in));
        }
        m.title = StringValue.readString(in);
        m.text = StringValue.readString(in);
        m.lang = StringValue.readString(in);
        m.publishedAt = readInstant(in);
        m.publishedAtClaimed = StringValue.readString(in);
        m.fetchedAt = readInstant(in);
        m.editedAt = readInstant(in);
        m.threadId = StringValue.readString(in);
        m.parentId = StringValue.readString(in);
        if (in.readBoolean()) m.engagement = new Engagement(in.readLong(), in.readLong(), in.readLong());
        m.reach = readLong(in);
        m.hashtags = readList(in);
        m.links = readList(in);
        m.mentions = readList(in);
        m.geo = StringValue.readString(in);
        m.raw = StringValue.readString(in);
        if (in.readBoolean()) m.sentiment = new Sentiment(StringValue.readString(in), in.readDouble());
        m.emotion = StringValue.readString(in);
        m.ruleIds = readList(in);
        m.tokens = readList(in);
        byte edit = in.readByte();
        m.edit = edit == 0 ? null : edit == 2;
        return m;
    }

    @Override
    public Mention deserialize(Mention reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
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

    private static void writeInstant(Instant value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value.getEpochSecond());
            out.writeInt(value.getNano());
        }
    }

    private static Instant readInstant(DataInputView in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    private static void writeList(List<String> values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.size());
        for (String v : values) StringValue.writeString(v, out);
    }

    private static List<String> readList(DataInputView in) throws IOException {
        int size = in.readInt();
        if (size < 0) return null;
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) values.add(StringValue.readString(in));
        return values;
    }

    /** Restores the serializer of a checkpoint written by this version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Mention> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
