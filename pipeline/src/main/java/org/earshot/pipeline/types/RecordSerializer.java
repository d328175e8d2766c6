package org.earshot.pipeline.types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A mutable record written field by field: what is left for a subclass is {@link #serialize}, {@link #deserialize}
 * and its snapshot. A copy goes through the bytes, the one way that cannot forget a field. Strings are written as
 * {@link Utf8Strings} writes them.
 */
public abstract class RecordSerializer<T> extends TypeSerializerSingleton<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public T copy(T from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from, e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    /** A string, null or not; as {@link Utf8Strings} writes it, unless a reader of an older format says otherwise. */
    protected void writeString(String s, DataOutputView out) throws IOException {
        Utf8Strings.write(s, out);
    }

    protected String readString(DataInputView in) throws IOException {
        return Utf8Strings.read(in);
    }

    /** A list of strings, null or not, its elements null or not, each through {@link #writeString}. */
    protected void writeStrings(List<String> values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.size());
        for (String v : values) writeString(v, out);
    }

    protected List<String> readStrings(DataInputView in) throws IOException {
        int size = in.readInt();
        if (size < 0) return null;
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) values.add(readString(in));
        return values;
    }

    /** An array of longs, null or not. */
    protected static void writeLongs(long[] values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        for (long v : values) out.writeLong(v);
    }

    protected static long[] readLongs(DataInputView in) throws IOException {
        int size = in.readInt();
        if (size < 0) return null;
        long[] values = new long[size];
        for (int i = 0; i < size; i++) values[i] = in.readLong();
        return values;
    }

    protected static void writeInstant(Instant value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value.getEpochSecond());
            out.writeInt(value.getNano());
        }
    }

    protected static Instant readInstant(DataInputView in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
}
