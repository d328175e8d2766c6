package org.earshot.schemas;

import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Kafka topic with the record type it carries, how records are keyed, and where its JSON Schema
 * lives. One instance per topic in {@link Topics}; nothing else spells topic names.
 *
 * @param <T> the record type
 */
public final class Topic<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final Class<T> type;
    private final SerializableKey<T> key;
    private final boolean compacted;

    /** Extracts a record's Kafka key. */
    @FunctionalInterface
    public interface SerializableKey<T> extends Function<T, String>, Serializable {}

    Topic(String name, Class<T> type, SerializableKey<T> key, boolean compacted) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.key = Objects.requireNonNull(key);
        this.compacted = compacted;
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    public boolean compacted() {
        return compacted;
    }

    /** Classpath resource of this topic's JSON Schema. */
    public String schemaResource() {
        return "/topics/" + name + ".schema.json";
    }

    public String key(T record) {
        return key.apply(record);
    }

    public byte[] serialize(T record) {
        return Json.toBytes(record);
    }

    public T deserialize(byte[] bytes) throws IOException {
        return Json.fromBytes(bytes, type);
    }

    @Override
    public String toString() {
        return name;
    }
}
