package org.earshot.pipeline.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.schemas.Author;
import org.earshot.schemas.Mention;

/** What every network parser shares: reading JSON leniently and finishing a Mention the same way. */
final class Posts {
    /** Longest text kept from one post, markup included, so that one record stays well inside Kafka's message size. */
    static final int MAX_SOURCE_TEXT_CHARS = 400_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Posts() {}

    static JsonNode json(URI from, byte[] body) throws FetchException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) throw FetchException.malformed(from, "empty body, expected JSON", null);
            return node;
        } catch (IOException e) {
            throw FetchException.malformed(from, "invalid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    static Mention start(String network, String id, Instant fetchedAt) {
        Mention m = new Mention();
        m.network = network;
        m.id = network + ":" + id;
        m.fetchedAt = fetchedAt;
        return m;
    }

    /**
     * Keeps the post as its network said it (HTML and all) with its payload bounded: the Listen job
     * normalizes every mention once, whichever way it arrived (a poller, a webhook, a replayed file).
     */
    static Mention finish(Mention m, JsonNode raw) {
        if (m.text == null) m.text = "";
        if (m.text.length() > MAX_SOURCE_TEXT_CHARS) m.text = m.text.substring(0, MAX_SOURCE_TEXT_CHARS);
        if (raw != null) m.raw = MentionNormalizer.boundRaw(raw.toString());
        return m;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) return null;
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    static long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.canConvertToLong() ? v.asLong() : 0;
    }

    static Long count(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.canConvertToLong() ? v.asLong() : null;
    }

    /** ISO 8601 with an offset ({@code 2017-04-14T06:11:41.893Z}); null when absent or unreadable. */
    static Instant isoTime(String value) {
        if (value == null) return null;
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    static Instant epochSeconds(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) return null;
        return Instant.ofEpochMilli((long) (v.asDouble() * 1000));
    }

    static Author author(String handle, String name, String url, Long followers) {
        if (handle == null && name == null) return null;
        return new Author(handle, name, url, followers);
    }

    static String firstLine(String message) {
        if (message == null) return "";
        int cut = message.indexOf('\n');
        return cut < 0 ? message : message.substring(0, cut);
    }
}
