package org.earshot.pipeline.validate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;

/**
 * Decodes a Mention from untrusted bytes and checks the contract of {@code earshot.mentions}: an
 * {@code id}, a {@code network}, a {@code text}. Never throws on data: every problem comes back as
 * a {@link ParseResult.Refused} whose reason names the field or position at fault.
 *
 * <p><b>Times that cannot be true are replaced, and the claim kept.</b> A post's time becomes a
 * Kafka timestamp and moves the event-time watermark, so a date from the far future would be
 * refused by Kafka (the job restarting over it for ever) or would make every later mention late.
 * The rule: the reference is {@code fetchedAt}, or when the record reached Kafka if there is none
 * (a {@code fetchedAt} itself later than that by more than the allowed skew, or before 1990, is
 * replaced by it); a {@code publishedAt} more than {@code maxClockSkew} after the reference, or
 * before {@link #EARLIEST} (1990), becomes the reference, and the value sent is kept as text in
 * {@link Mention#publishedAtClaimed}. Nothing is dropped for its date.
 */
public final class MentionParser {
    public static final int MAX_ID_CHARS = 512;
    /** No social post is older: earlier dates are mistakes (a zero, a year 0, a 1970 epoch). */
    public static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    /** How far a post's time may run ahead of when it was fetched: clocks differ, by minutes at most. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    private static final Pattern NETWORK = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final ObjectReader READER = Json.mapper().readerFor(Mention.class);

    private MentionParser() {}

    /** {@link #parse(byte[], long, Duration)} with the default skew of 15 minutes. */
    public static ParseResult parse(byte[] payload, long arrivalMillis) {
        return parse(payload, arrivalMillis, DEFAULT_MAX_CLOCK_SKEW);
    }

    /**
     * @param arrivalMillis when the record reached Earshot (the Kafka record's timestamp): the
     *     time of a mention that carries neither {@code publishedAt} nor {@code fetchedAt}
     * @param maxClockSkew how far {@code publishedAt} may be ahead of {@code fetchedAt}
     */
    public static ParseResult parse(byte[] payload, long arrivalMillis, Duration maxClockSkew) {
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
        believableTimes(m, arrival(arrivalMillis, maxClockSkew), maxClockSkew);
        return new ParseResult.Parsed(m);
    }

    /** The record's arrival, unless that is itself out of bounds (a producer's own timestamp): then now. */
    private static Instant arrival(long arrivalMillis, Duration maxClockSkew) {
        Instant now = Instant.now();
        Instant arrival = Instant.ofEpochMilli(arrivalMillis);
        return arrival.isBefore(EARLIEST) || arrival.isAfter(now.plus(maxClockSkew)) ? now : arrival;
    }

    /** The class's rule on times, applied in place. */
    static void believableTimes(Mention m, Instant arrival, Duration maxClockSkew) {
        if (m.fetchedAt != null && !within(m.fetchedAt, arrival, maxClockSkew)) m.fetchedAt = arrival;
        Instant reference = m.fetchedAt != null ? m.fetchedAt : arrival;
        if (m.publishedAt == null) {
            m.publishedAt = reference;
        } else if (!within(m.publishedAt, reference, maxClockSkew)) {
            m.publishedAtClaimed = m.publishedAt.toString();
            m.publishedAt = reference;
        }
        if (m.editedAt != null && !within(m.editedAt, reference, maxClockSkew)) m.editedAt = reference;
    }

    private static boolean within(Instant time, Instant reference, Duration maxClockSkew) {
        return !time.isBefore(EARLIEST) && !time.isAfter(reference.plus(maxClockSkew));
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
        if (m.reach != null && m.reach < 0) return "field 'reach' is negative (" + m.reach + ")";
        if (m.author != null && m.author.followers != null && m.author.followers < 0) {
            return "field 'author.followers' is negative (" + m.author.followers + ")";
        }
        if (m.engagement != null) {
            if (m.engagement.likes < 0) return "field 'engagement.likes' is negative (" + m.engagement.likes + ")";
            if (m.engagement.reposts < 0) return "field 'engagement.reposts' is negative (" + m.engagement.reposts + ")";
            if (m.engagement.replies < 0) return "field 'engagement.replies' is negative (" + m.engagement.replies + ")";
        }
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
