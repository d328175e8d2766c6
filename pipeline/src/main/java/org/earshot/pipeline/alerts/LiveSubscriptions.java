package org.earshot.pipeline.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.earshot.schemas.Json;
import org.earshot.schemas.Subscription;

/**
 * The broadcast subscriptions, parsed once per version and with their condition's defaults filled in. The broadcast
 * state holds each as the JSON that was checked, so that Flink need not know the record's shape.
 */
final class LiveSubscriptions {
    private final Map<String, Parsed> parsed = new HashMap<>();

    private record Parsed(String json, Subscription subscription) {}

    Subscription get(String id, String json) {
        Parsed p = parsed.get(id);
        if (p != null && p.json.equals(json)) return p.subscription;
        try {
            Subscription s = Json.mapper().readValue(json, Subscription.class);
            s.condition = Conditions.withDefaults(s.condition);
            parsed.put(id, new Parsed(json, s));
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("subscription " + id + " in the broadcast state no longer parses", e);
        }
    }
}
