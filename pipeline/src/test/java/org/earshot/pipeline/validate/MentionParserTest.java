package org.earshot.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MentionParserTest {
    private static final long KAFKA_TIME = Instant.parse("2026-11-28T12:00:00Z").toEpochMilli();

    private static ParseResult parse(String json) {
        return MentionParser.parse(json.getBytes(StandardCharsets.UTF_8), KAFKA_TIME);
    }

    private static String reason(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Refused.class);
        return ((ParseResult.Refused) result).reason();
    }

    @Test
    void parsesAValidMention() {
        ParseResult r = parse("{\"id\":\"mastodon:1\",\"network\":\"mastodon\",\"text\":\"hi\",\"publishedAt\":\"2026-11-28T10:00:00.123Z\","
                + "\"author\":{\"handle\":\"ana\",\"followers\":\"1200\"},\"unknownFutureField\":{\"x\":1}}");
        assertThat(r).isInstanceOf(ParseResult.Parsed.class);
        var m = ((ParseResult.Parsed) r).mention();
        assertThat(m.publishedAt).isEqualTo(Instant.parse("2026-11-28T10:00:00.123Z"));
        assertThat(m.author.followers).isEqualTo(1200L);
    }

    @Test
    void fallsBackToFetchedThenKafkaTimeForEventTime() {
        var fetched = ((ParseResult.Parsed) parse("{\"id\":\"a\",\"network\":\"rss\",\"text\":\"\",\"fetchedAt\":\"2026-01-01T00:00:00Z\"}")).mention();
        assertThat(fetched.publishedAt).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        var none = ((ParseResult.Parsed) parse("{\"id\":\"a\",\"network\":\"rss\",\"text\":\"x\"}")).mention();
        assertThat(none.publishedAt).isEqualTo(Instant.ofEpochMilli(KAFKA_TIME));
    }

    /** Times that cannot be true never reach a Kafka timestamp or a watermark: replaced by the fetch time, the claim kept. */
    @ParameterizedTest(name = "publishedAt {0}")
    @CsvSource({
            "9999-12-31T00:00:00Z, 9999-12-31T00:00:00Z",
            "+1000000000-12-31T23:59:59.999999999Z, +1000000000-12-31T23:59:59.999999999Z",
            "0000-01-01T00:00:00Z, 0000-01-01T00:00:00Z",
            "-1000000000-01-01T00:00:00Z, -1000000000-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z",
            "1989-12-31T23:59:59Z, 1989-12-31T23:59:59Z",
            "2026-11-28T12:30:00.001Z, 2026-11-28T12:30:00.001Z"})
    void anImpossiblePublishedAtBecomesTheFetchTimeAndTheClaimIsKept(String sent, String claimed) {
        var m = ((ParseResult.Parsed) parse("{\"id\":\"a\",\"network\":\"webhook\",\"text\":\"x\",\"publishedAt\":\"" + sent
                + "\",\"fetchedAt\":\"2026-11-28T12:00:00Z\"}")).mention();
        assertThat(m.publishedAt).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(m.publishedAtClaimed).isEqualTo(claimed);
        assertThat(m.eventTimeMillis(0)).isEqualTo(Instant.parse("2026-11-28T12:00:00Z").toEpochMilli());
    }

    @Test
    void timesWithinTheSkewAreKeptAsSent() {
        var m = ((ParseResult.Parsed) parse("{\"id\":\"a\",\"network\":\"rss\",\"text\":\"x\",\"publishedAt\":\"2026-11-28T12:14:59Z\","
                + "\"fetchedAt\":\"2026-11-28T12:00:00Z\"}")).mention();
        assertThat(m.publishedAt).isEqualTo(Instant.parse("2026-11-28T12:14:59Z"));
        assertThat(m.publishedAtClaimed).isNull();
        var old = ((ParseResult.Parsed) parse("{\"id\":\"a\",\"network\":\"rss\",\"text\":\"x\",\"publishedAt\":\"1990-01-01T00:00:00Z\"}")).mention();
        assertThat(old.publishedAt).isEqualTo(Instant.parse("1990-01-01T00:00:00Z"));
        var tight = ((ParseResult.Parsed) MentionParser.parse(("{\"id\":\"a\",\"network\":\"rss\",\"text\":\"x\",\"publishedAt\":\"2026-11-28T12:01:00Z\"}")
                .getBytes(StandardCharsets.UTF_8), KAFKA_TIME, java.time.Duration.ofSeconds(30))).mention();
        assertThat(tight.publishedAtClaimed).as("a skew of 30 s refuses a minute").isEqualTo("2026-11-28T12:01:00Z");
    }

    @Test
    void aFetchTimeFromTheFutureIsReplacedByWhenTheRecordArrived() {
        var m = ((ParseResult.Parsed) parse("{\"id\":\"a\",\"network\":\"rss\",\"text\":\"x\",\"fetchedAt\":\"9999-01-01T00:00:00Z\","
                + "\"publishedAt\":\"9998-01-01T00:00:00Z\"}")).mention();
        assertThat(m.fetchedAt).isEqualTo(Instant.ofEpochMilli(KAFKA_TIME));
        assertThat(m.publishedAt).isEqualTo(Instant.ofEpochMilli(KAFKA_TIME));
        assertThat(m.publishedAtClaimed).isEqualTo("9998-01-01T00:00:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "truncated JSON|{\"id\":\"a\",\"network\":\"rss\",\"te|invalid JSON",
            "not JSON|just some words|invalid JSON",
            "array instead of object|[{\"id\":\"a\"}]|expected a JSON object",
            "string instead of object|\"hello\"|expected a JSON object",
            "missing id|{\"network\":\"rss\",\"text\":\"x\"}|missing required field 'id'",
            "blank id|{\"id\":\"  \",\"network\":\"rss\",\"text\":\"x\"}|field 'id' is blank",
            "missing text|{\"id\":\"a\",\"network\":\"rss\"}|missing required field 'text'",
            "null text|{\"id\":\"a\",\"network\":\"rss\",\"text\":null}|missing required field 'text'",
            "missing network|{\"id\":\"a\",\"text\":\"x\"}|missing required field 'network'",
            "bad network|{\"id\":\"a\",\"network\":\"Bad Network!\",\"text\":\"x\"}|field 'network' must be",
            "number as text|{\"id\":\"a\",\"network\":\"rss\",\"text\":42}|wrong type for field 'text'",
            "object as id|{\"id\":{\"n\":1},\"network\":\"rss\",\"text\":\"x\"}|wrong type for field 'id'",
            "string as count|{\"id\":\"a\",\"network\":\"rss\",\"text\":\"x\",\"engagement\":{\"likes\":\"lots\"}}|wrong type for field 'engagement.likes'",
            "bad date|{\"id\":\"a\",\"network\":\"rss\",\"text\":\"x\",\"publishedAt\":\"yesterday\"}|wrong type for field 'publishedAt'",
            "string as list|{\"id\":\"a\",\"network\":\"rss\",\"text\":\"x\",\"hashtags\":{\"a\":1}}|wrong type for field 'hashtags'",
            "JSON null|null|JSON null",
            "negative reach|{\"id\":\"a\",\"network\":\"rss\",\"text\":\"x\",\"reach\":-5}|field 'reach' is negative (-5)",
            "negative likes|{\"id\":\"a\",\"network\":\"rss\",\"text\":\"x\",\"engagement\":{\"likes\":-1}}|field 'engagement.likes' is negative",
            "negative followers|{\"id\":\"a\",\"network\":\"rss\",\"text\":\"x\",\"author\":{\"followers\":-2}}|field 'author.followers' is negative",
            "count out of range|{\"id\":\"a\",\"network\":\"rss\",\"text\":\"x\",\"reach\":9223372036854775808}|out of range of long",
    })
    void refusesWithAReasonNamingTheProblem(String label, String json, String expected) {
        assertThat(reason(parse(json))).contains(expected);
    }

    @Test
    void refusesEmptyPayload() {
        assertThat(reason(MentionParser.parse(new byte[0], KAFKA_TIME))).isEqualTo("empty payload");
        assertThat(reason(MentionParser.parse(null, KAFKA_TIME))).isEqualTo("empty payload");
    }

    @Test
    void refusesInvalidUtf8NamingTheEncoding() {
        byte[] bytes = "{\"id\":\"a\",\"network\":\"rss\",\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[bytes.length + 1];
        int at = 30;
        System.arraycopy(bytes, 0, broken, 0, at);
        broken[at] = (byte) 0xC3;
        broken[at + 1] = (byte) 0x28;
        System.arraycopy(bytes, at + 1, broken, at + 2, bytes.length - at - 1);
        assertThat(reason(MentionParser.parse(broken, KAFKA_TIME))).containsIgnoringCase("UTF-8");
    }

    @Test
    void refusesOverlongId() {
        assertThat(reason(parse("{\"id\":\"" + "x".repeat(600) + "\",\"network\":\"rss\",\"text\":\"x\"}")))
                .contains("field 'id' has 600 characters");
    }

    @Test
    void acceptsHostileButValidText() {
        String text = "\\u0000\\u202Eevil\\u0007 \\uD83D\\uDE00 مرحبا Z\\u0336\\u0336\\u0336";
        ParseResult r = parse("{\"id\":\"a\",\"network\":\"rss\",\"text\":\"" + text + "\"}");
        assertThat(r).isInstanceOf(ParseResult.Parsed.class);
    }

    @Test
    void parsesAMegabyteOfText() {
        String big = "a".repeat(1 << 20);
        ParseResult r = parse("{\"id\":\"a\",\"network\":\"rss\",\"text\":\"" + big + "\"}");
        assertThat(r).isInstanceOfSatisfying(ParseResult.Parsed.class, p -> assertThat(p.mention().text).isEqualTo(big));
    }
}
