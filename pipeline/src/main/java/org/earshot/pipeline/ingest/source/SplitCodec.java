package org.earshot.pipeline.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.earshot.pipeline.ingest.poll.Cursor;
import org.earshot.pipeline.ingest.poll.Network;
import org.earshot.pipeline.ingest.poll.SourceSpec;

/**
 * Splits and the enumerator's state in checkpoints, as JSON: readable when debugging a
 * checkpoint, and tolerant of fields added later.
 */
final class SplitCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SplitCodec() {}

    static ObjectNode toJson(PollSplit split) {
        SourceSpec s = split.spec();
        ObjectNode spec = JSON.createObjectNode()
                .put("id", s.id()).put("network", s.network().label()).put("url", s.url().toString())
                .put("tag", s.tag()).put("public", s.publicTimeline()).put("subreddit", s.subreddit())
                .put("search", s.search()).put("everyMillis", s.every().toMillis()).put("token", s.token())
                .put("profiles", s.profiles() == null ? null : s.profiles().toString());
        ObjectNode node = JSON.createObjectNode();
        node.set("spec", spec);
        node.set("cursor", JSON.valueToTree(split.cursor().values()));
        return node;
    }

    static PollSplit fromJson(JsonNode node) {
        JsonNode s = node.path("spec");
        SourceSpec spec = new SourceSpec(text(s, "id"), Network.parse(text(s, "network")), URI.create(text(s, "url")),
                text(s, "tag"), s.path("public").asBoolean(false), text(s, "subreddit"), text(s, "search"),
                Duration.ofMillis(s.path("everyMillis").asLong()), text(s, "token"),
                text(s, "profiles") == null ? null : URI.create(text(s, "profiles")));
        Map<String, String> cursor = new TreeMap<>();
        node.path("cursor").fields().forEachRemaining(e -> cursor.put(e.getKey(), e.getValue().asText()));
        return new PollSplit(spec, new Cursor(cursor));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static final class Splits implements SimpleVersionedSerializer<PollSplit> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(PollSplit split) throws IOException {
            return JSON.writeValueAsBytes(toJson(split));
        }

        @Override
        public PollSplit deserialize(int version, byte[] bytes) throws IOException {
            return fromJson(JSON.readTree(bytes));
        }
    }

    static final class States implements SimpleVersionedSerializer<PollEnumeratorState> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(PollEnumeratorState state) throws IOException {
            ObjectNode node = JSON.createObjectNode();
            node.set("assigned", JSON.valueToTree(state.assigned()));
            var pending = node.putArray("pending");
            for (PollSplit split : state.pending()) pending.add(toJson(split));
            return JSON.writeValueAsBytes(node);
        }

        @Override
        public PollEnumeratorState deserialize(int version, byte[] bytes) throws IOException {
            JsonNode node = JSON.readTree(bytes);
            Set<String> assigned = new HashSet<>();
            node.path("assigned").forEach(id -> assigned.add(id.asText()));
            List<PollSplit> pending = new java.util.ArrayList<>();
            node.path("pending").forEach(split -> pending.add(fromJson(split)));
            return new PollEnumeratorState(assigned, pending);
        }
    }
}
