package org.earshot.pipeline.ingest.poll;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a source stands with its upstream: the newest id seen, validators for conditional GET,
 * a Jetstream time. Immutable string pairs, so any network's position checkpoints the same way.
 */
public record Cursor(Map<String, String> values) implements Serializable {
    public static final Cursor START = new Cursor(Map.of());

    public Cursor {
        values = Map.copyOf(values);
    }

    public String get(String key) {
        return values.get(key);
    }

    public long getLong(String key, long fallback) {
        String v = values.get(key);
        if (v == null) return fallback;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** This cursor with {@code key} set ({@code null} removes it). */
    public Cursor with(String key, String value) {
        Map<String, String> next = new TreeMap<>(values);
        if (value == null) next.remove(key);
        else next.put(key, value);
        return new Cursor(next);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
