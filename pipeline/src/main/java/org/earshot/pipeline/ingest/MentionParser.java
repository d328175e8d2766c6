package org.earshot.pipeline.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;

/**
 * Decodes a Mention from untrusted bytes and checks the contract of {@code earshot.mentions}: an
 * {@code id}, a {@code network}, a {@code text}. Never throws on data: every problem comes back as
 * a {@link ParseResult.Refused} whose reason names the field or position at fault.
 */
public final class MentionParser {
    public static final int MAX_ID_CHARS = 512;
    private static final Pattern NETWORK = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final ObjectReader READER = Json.mapper().readerFor(Mention.class);

    private MentionParser() {}

    /**
     * @param fallbackTimeMillis the event time for a mention that carries neither {@code
     *     publishedAt} nor {@code fetchedAt} (the Kafka record's timestamp)
     */
    public static ParseResult parse(byte[] payload, long fallbackTimeMillis) {
        if (payload == null || payload.length == 0) return refused("parse", "empty payload");
        Mention m;
        try {
            m = READER.readValue(payload);
        } catch (MismatchedInputException e) {
            return refused("parse", mismatch(e));
        } catch (JsonProcessingException e) {
            return refused("parse", "invalid JSON: " + e.getOriginalMessage() + at(e.getLocation()));
        } catch (IOException | RuntimeException e) {
            return refused("parse", "unreadable payload: " + e.getMessage());
        }
        if (m == null) return refused("parse", "payload is JSON null, expected a Mention object");
        String problem = validate(m);
        if (problem != null) return refused("validate", problem);
        if (m.publishedAt == null) {
            m.publishedAt = m.fetchedAt != null ? m.fetchedAt : Instant.ofEpochMilli(fallbackTimeMillis);
        }
        return new ParseResult.Parsed(m);
    }

    /** The first broken rule of the mention contract, or null when it holds. */
    static String validate(Mention m) {
        if (m.id == null) return "missing required field 'id'";
        if (m.id.isBlank()) return "field 'id' is blank";
        if (m.id.length() > MAX_ID_CHARS) return "field 'id' has " + m.id.length() + " characters, more than " + MAX_ID_CHARS;
        if (m.network == null) return "missing required field 'network'";
        if (!NETWORK.matcher(m.network).matches()) {
            return "field 'network' must be 1-32 lower-case letters, digits, '-' or '_', got '" + shorten(m.network) + "'";
        }
        if (m.text == null) return "missing required field 'text'";
        return null;
    }

    private static String mismatch(MismatchedInputException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String message = e.getOriginalMessage();
        int cut = message.indexOf('\n');
        if (cut > 0) message = message.substring(0, cut);
        if (path.isEmpty()) return "expected a JSON object for a Mention: " + message;
        return "wrong type for field '" + path + "': " + message;
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) return "";
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static ParseResult refused(String stage, String reason) {
        return new ParseResult.Refused(stage, reason);
    }
}
