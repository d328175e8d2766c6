package org.earshot.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.schemas.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every view's numbers against the rows the test wrote into ClickHouse's tables (through the same materialized
 * views the Listen job writes through), counted again here in Java: four hours of minutes for a brand and a
 * competitor, authors and mentions, hourly terms, and mentions in minutes not yet closed.
 */
class ViewsTest extends ServedTest {

    static final Instant START = Instant.parse("2026-11-30T08:00:00Z");
    static final Instant FROM = Instant.parse("2026-11-30T10:00:00Z");
    static final Instant TO = Instant.parse("2026-11-30T12:00:00Z");
    static final String[] NETWORKS = {"bluesky", "mastodon"};
    static final String[] SENTIMENTS = {"positive", "neutral", "negative"};

    /** One minute row as written: rule, minute, network, sentiment, mentions, reach, and the four emotions. */
    record MinuteRow(String rule, Instant minute, String network, String sentiment, long mentions, long reach, long[] emotions) {}

    record MentionRow(String id, String rule, Instant published, String network, String author, long reach, long likes, String text) {}

    static final List<MinuteRow> minutes = new ArrayList<>();
    static final List<MentionRow> mentions = new ArrayList<>();
    static final Map<String, long[]> terms = new TreeMap<>(); // term → [before, now] for aurora

    @BeforeAll
    static void start() throws Exception {
        RulesTopic rules = new RulesTopic(kafka.settings());
        rules.put(new Rule("aurora", "aurora", "Aurora", Instant.now()));
        rules.put(new Rule("rival", "rival", "Rival", Instant.now()));
        rules.put(new Rule("kept", "kept", "Kept", Instant.now()));
        write();
        ApiClient.Answer project = served.api().post("/api/v1/projects", served.editor(),
                Map.of("id", "acme", "name", "Acme", "brandRules", List.of("aurora"), "competitorRules", List.of("rival")));
        assertThat(project.status()).as(project.text()).isEqualTo(201);
    }

    /** Counts from 0 to 5 that differ by minute, rule, network and sentiment, the same in every run. */
    private static long count(int minute, int rule, int network, int sentiment) {
        return new java.util.Random(minute * 1_000L + rule * 100L + network * 10L + sentiment).nextInt(6 + sentiment);
    }

    private static void write() throws Exception {
        try (Connection c = clickhouse.server().connect()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO rule_minute_input (rule_id, minute, network, lang, sentiment, mentions, "
                    + "reach, authors, anger, joy, optimism, sadness) VALUES (?, toDateTime(?, 'UTC'), ?, 'en', ?, ?, ?, [], ?, ?, ?, ?)")) {
                String[] rules = {"aurora", "rival"};
                for (int m = 0; m < 240; m++) {
                    Instant minute = START.plus(Duration.ofMinutes(m));
                    for (int r = 0; r < rules.length; r++) {
                        for (int n = 0; n < NETWORKS.length; n++) {
                            for (int s = 0; s < SENTIMENTS.length; s++) {
                                long k = count(m, r, n, s);
                                if (k == 0) continue;
                                long[] emotions = {k / 3, k / 2, k % 2, k > 4 ? 1 : 0};
                                MinuteRow row = new MinuteRow(rules[r], minute, NETWORKS[n], SENTIMENTS[s], k, k * 10 + m, emotions);
                                minutes.add(row);
                                p.setString(1, row.rule());
                                p.setString(2, Database.text(minute).substring(0, 19));
                                p.setString(3, row.network());
                                p.setString(4, row.sentiment());
                                p.setLong(5, k);
                                p.setLong(6, row.reach());
                                for (int e = 0; e < 4; e++) p.setLong(7 + e, emotions[e]);
                                p.addBatch();
                            }
                        }
                    }
                }
                p.executeBatch();
            }
            // Mentions in the period (closed minutes) and three in 12:30, a minute not closed yet.
            for (int i = 0; i < 40; i++) {
                Instant at = FROM.plus(Duration.ofMinutes(i * 3L));
                mentions.add(new MentionRow("bluesky:" + i, "aurora", at, NETWORKS[i % 2], "@author" + (i % 7), (i * 37L) % 101, i % 9,
                        "aurora post number " + i));
            }
            for (int i = 0; i < 3; i++) {
                mentions.add(new MentionRow("mastodon:open" + i, "aurora", TO.plus(Duration.ofMinutes(30)).plusSeconds(i), "mastodon",
                        "@late", 5, 0, "aurora late " + i));
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO mention_rules (rule_id, mention_id, published_at, network, lang, sentiment, "
                    + "reach, author) VALUES (?, ?, toDateTime64(?, 3, 'UTC'), ?, 'en', 'neutral', ?, ?)");
                 PreparedStatement q = c.prepareStatement("INSERT INTO mentions (id, network, url, author_handle, text, lang, published_at, "
                         + "fetched_at, likes, reposts, replies, reach, sentiment, emotion, rule_ids) VALUES (?, ?, ?, ?, ?, 'en', "
                         + "toDateTime64(?, 3, 'UTC'), toDateTime64(?, 3, 'UTC'), ?, 0, 0, ?, 'neutral', 'none', ['aurora'])")) {
                for (MentionRow m : mentions) {
                    p.setString(1, m.rule());
                    p.setString(2, m.id());
                    p.setString(3, Database.text(m.published()));
                    p.setString(4, m.network());
                    p.setLong(5, m.reach());
                    p.setString(6, m.author());
                    p.addBatch();
                    q.setString(1, m.id());
                    q.setString(2, m.network());
                    q.setString(3, "https://example.org/" + m.id());
                    q.setString(4, m.author());
                    q.setString(5, m.text());
                    q.setString(6, Database.text(m.published()));
                    q.setString(7, Database.text(m.published()));
                    q.setLong(8, m.likes());
                    q.setLong(9, m.reach());
                    q.addBatch();
                }
                p.executeBatch();
                q.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO rule_hour_terms (rule_id, hour, kind, term, count) VALUES "
                    + "('aurora', toDateTime(?, 'UTC'), 'term', ?, ?)")) {
                String[] words = {"battery", "crash", "launch", "price", "update"};
                for (int h = 0; h < 4; h++) {
                    for (int w = 0; w < words.length; w++) {
                        long k = h < 2 ? (w + 1) * 2L : (w * w + h) % 13;
                        terms.computeIfAbsent(words[w], x -> new long[2])[h < 2 ? 0 : 1] += k;
                        p.setString(1, Database.text(START.plus(Duration.ofHours(h))).substring(0, 19));
                        p.setString(2, words[w]);
                        p.setLong(3, k);
                        p.addBatch();
                    }
                }
                p.executeBatch();
            }
        }
    }

    private static JsonNode view(String name, String query) {
        ApiClient.Answer a = served.api().get("/api/v1/views/" + name + "?" + query, served.viewer());
        assertThat(a.status()).as(name + ": " + a.text()).isEqualTo(200);
        return a.json();
    }

    private static String period(Instant from, Instant to) {
        return "from=" + from + "&to=" + to;
    }

    private static List<MinuteRow> in(String rule, Instant from, Instant to) {
        return minutes.stream().filter(r -> r.rule().equals(rule) && !r.minute().isBefore(from) && r.minute().isBefore(to)).toList();
    }

    @Test
    void volumeByMinuteAndNetworkWithThePreviousPeriod() {
        JsonNode v = view("volume", "rule=aurora&" + period(FROM, TO));
        assertThat(v.at("/period/bucket").asText()).isEqualTo("minute");
        Map<String, Long> expected = new TreeMap<>();
        for (MinuteRow r : in("aurora", FROM, TO)) expected.merge(r.minute() + " " + r.network(), r.mentions(), Long::sum);
        Map<String, Long> actual = new TreeMap<>();
        for (JsonNode row : v.at("/table/rows")) actual.put(row.get(0).asText() + " " + row.get(1).asText(), row.get(2).asLong());
        assertThat(actual).isEqualTo(expected);
        assertThat(v.at("/totals/mentions").asLong()).isEqualTo(in("aurora", FROM, TO).stream().mapToLong(MinuteRow::mentions).sum());
        assertThat(v.at("/totals/reach").asLong()).isEqualTo(in("aurora", FROM, TO).stream().mapToLong(MinuteRow::reach).sum());
        assertThat(v.at("/previous/totals/mentions").asLong())
                .isEqualTo(in("aurora", START, FROM).stream().mapToLong(MinuteRow::mentions).sum()).isPositive();
        assertThat(v.at("/previous/period/from").asText()).isEqualTo(START.toString());
        long drawnBefore = 0;
        for (JsonNode row : v.at("/previous/table/rows")) {
            assertThat(Instant.parse(row.get(0).asText())).isBefore(FROM).isAfterOrEqualTo(START);
            drawnBefore += row.get(2).asLong();
        }
        assertThat(drawnBefore).as("the previous period's series adds up to its total").isEqualTo(v.at("/previous/totals/mentions").asLong());

        JsonNode hourly = view("volume", "rule=aurora&bucket=hour&" + period(FROM, TO));
        Map<String, Long> byHour = new TreeMap<>();
        for (MinuteRow r : in("aurora", FROM, TO)) byHour.merge(r.minute().truncatedTo(ChronoUnit.HOURS) + " " + r.network(), r.mentions(), Long::sum);
        Map<String, Long> actualHours = new TreeMap<>();
        for (JsonNode row : hourly.at("/table/rows")) actualHours.put(row.get(0).asText() + " " + row.get(1).asText(), row.get(2).asLong());
        assertThat(actualHours).isEqualTo(byHour).hasSize(4);
    }

    @Test
    void filtersByNetworkAndSentiment() {
        JsonNode v = view("volume", "rule=aurora&network=bluesky&sentiment=negative&sentiment=positive&" + period(FROM, TO));
        long expected = in("aurora", FROM, TO).stream().filter(r -> r.network().equals("bluesky") && !r.sentiment().equals("neutral"))
                .mapToLong(MinuteRow::mentions).sum();
        assertThat(v.at("/totals/mentions").asLong()).isEqualTo(expected).isPositive()
                .isLessThan(in("aurora", FROM, TO).stream().mapToLong(MinuteRow::mentions).sum());
        assertThat(v.at("/filters/network").toString()).isEqualTo("[\"bluesky\"]");
        for (JsonNode row : v.at("/table/rows")) assertThat(row.get(1).asText()).isEqualTo("bluesky");
        JsonNode emotions = view("emotions", "rule=aurora&network=mastodon&" + period(FROM, TO));
        long joy = in("aurora", FROM, TO).stream().filter(r -> r.network().equals("mastodon")).mapToLong(r -> r.emotions()[1]).sum();
        assertThat(emotions.at("/table/rows/1/1").asLong()).isEqualTo(joy);
        ApiClient.Answer bad = served.api().get("/api/v1/views/volume?rule=aurora&sentiment=angry", served.viewer());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).contains("'sentiment'", "angry");
    }

    @Test
    void minutesNotClosedYetAreCountedFromTheMentions() {
        JsonNode v = view("volume", "rule=aurora&" + period(TO, TO.plus(Duration.ofHours(1))));
        assertThat(v.at("/totals/mentions").asLong()).isEqualTo(3);
        assertThat(v.at("/table/rows/0/0").asText()).isEqualTo("2026-11-30T12:30:00Z");
    }

    @Test
    void dayBucketsCountWholeDaysFromTheDailyRollUpAndSplitTheDayWherePeriodsMeet() {
        long all = in("aurora", START, TO).stream().mapToLong(MinuteRow::mentions).sum();
        // Whole days: November 30 from rule_day, and the minutes still open after it from the mentions.
        JsonNode days = view("volume", "rule=aurora&bucket=day&" + period(Instant.parse("2026-11-29T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
        assertThat(days.at("/totals/mentions").asLong()).isEqualTo(all + 3);
        long drawn = 0;
        for (JsonNode row : days.at("/table/rows")) {
            assertThat(row.get(0).asText()).isEqualTo("2026-11-30T00:00:00Z");
            drawn += row.get(2).asLong();
        }
        assertThat(drawn).isEqualTo(all + 3);
        JsonNode century = view("volume", "rule=aurora&" + period(Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z")));
        assertThat(century.at("/totals/mentions").asLong()).as("a century, the one before it reaching back before 1970").isEqualTo(all + 3);
        JsonNode emotions = view("emotions", "rule=aurora&bucket=day&" + period(Instant.parse("2026-11-29T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
        assertThat(emotions.at("/table/rows/1/1").asLong()).isEqualTo(in("aurora", START, TO).stream().mapToLong(r -> r.emotions()[1]).sum());
        assertThat(emotions.at("/totals/mentions").asLong()).as("emotions count closed minutes only").isEqualTo(all);

        // The period starts at 10:00 on November 30, where the one before it ends: each part of that day counts in its own.
        JsonNode cut = view("volume", "rule=aurora&bucket=day&" + period(FROM, FROM.plus(Duration.ofDays(2))));
        assertThat(cut.at("/totals/mentions").asLong()).isEqualTo(in("aurora", FROM, TO).stream().mapToLong(MinuteRow::mentions).sum() + 3);
        assertThat(cut.at("/previous/totals/mentions").asLong()).isEqualTo(in("aurora", START, FROM).stream().mapToLong(MinuteRow::mentions).sum());
        JsonNode sentiment = view("sentiment", "rule=aurora&bucket=day&" + period(FROM, FROM.plus(Duration.ofDays(2))));
        assertThat(sentiment.at("/previous/totals/negative").asLong()).isEqualTo(in("aurora", START, FROM).stream()
                .filter(r -> r.sentiment().equals("negative")).mapToLong(MinuteRow::mentions).sum()).isPositive();
    }

    @Test
    void aRangeBackFromToIsThePeriodAndAnswersAreKeptPerQuestion() throws Exception {
        JsonNode ranged = view("volume", "rule=aurora&range=120m&to=" + TO);
        assertThat(ranged.at("/period/from").asText()).isEqualTo(FROM.toString());
        assertThat(ranged.at("/totals/mentions").asLong()).isEqualTo(in("aurora", FROM, TO).stream().mapToLong(MinuteRow::mentions).sum());
        assertThat(served.api().get("/api/v1/views/volume?rule=aurora&range=2weeks", served.viewer()).json().get("error").asText())
                .contains("'range'", "24h", "2weeks");
        assertThat(served.api().get("/api/v1/views/volume?rule=aurora&range=2h&from=" + FROM, served.viewer()).status()).isEqualTo(400);
        JsonNode latest = view("volume", "rule=kept&range=1h");
        Instant end = Instant.parse(latest.at("/period/to").asText());
        assertThat(end.toEpochMilli() % 10_000).as("now, rounded down to the cache's 10 s").isZero();
        assertThat(latest.at("/totals/mentions").asLong()).isZero();

        // A minute counted after the answer was given: the same question gets the answer kept, another one sees it.
        try (Connection c = clickhouse.server().connect(); PreparedStatement p = c.prepareStatement("INSERT INTO rule_minute_input (rule_id, "
                + "minute, network, lang, sentiment, mentions, reach, authors) VALUES ('kept', toDateTime(?, 'UTC'), 'bluesky', 'en', 'neutral', 7, 70, [])")) {
            p.setString(1, Database.text(end.minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES)).substring(0, 19));
            p.execute();
        }
        assertThat(view("volume", "rule=kept&to=" + end + "&range=1h").at("/totals/mentions").asLong()).as("kept").isZero();
        assertThat(view("volume", "rule=kept&to=" + end + "&range=60m").at("/totals/mentions").asLong()).as("the same question in other words").isZero();
        assertThat(view("volume", "rule=kept&to=" + end + "&range=1h&network=bluesky").at("/totals/mentions").asLong()).as("another question")
                .isEqualTo(7);
    }

    @Test
    void sentimentAndNetSentimentPerBucket() {
        JsonNode v = view("sentiment", "rule=aurora&bucket=hour&" + period(FROM, TO));
        for (JsonNode row : v.at("/table/rows")) {
            Instant hour = Instant.parse(row.get(0).asText());
            long[] counts = new long[3];
            for (MinuteRow r : in("aurora", hour, hour.plus(Duration.ofHours(1)))) counts[List.of(SENTIMENTS).indexOf(r.sentiment())] += r.mentions();
            assertThat(List.of(row.get(1).asLong(), row.get(2).asLong(), row.get(3).asLong())).isEqualTo(List.of(counts[0], counts[1], counts[2]));
            double net = Math.round((counts[0] - counts[2]) * 1000.0 / (counts[0] + counts[1] + counts[2])) / 10.0;
            assertThat(row.get(4).asDouble()).isEqualTo(net);
        }
        assertThat(v.at("/table/rows")).hasSize(2);
        long negative = in("aurora", FROM, TO).stream().filter(r -> r.sentiment().equals("negative")).mapToLong(MinuteRow::mentions).sum();
        assertThat(v.at("/totals/negative").asLong()).isEqualTo(negative).isPositive();
    }

    @Test
    void emotionSharesOfTheMentions() {
        JsonNode v = view("emotions", "rule=aurora&" + period(FROM, TO));
        long all = in("aurora", FROM, TO).stream().mapToLong(MinuteRow::mentions).sum();
        for (int e = 0; e < 4; e++) {
            int i = e;
            long n = in("aurora", FROM, TO).stream().mapToLong(r -> r.emotions()[i]).sum();
            JsonNode row = v.at("/table/rows/" + e);
            assertThat(row.get(1).asLong()).as(row.get(0).asText()).isEqualTo(n);
            assertThat(row.get(2).asDouble()).isEqualTo(Math.round(n * 1000.0 / all) / 10.0);
        }
    }

    @Test
    void shareOfVoiceOfAProjectsBrandAgainstItsCompetitor() {
        JsonNode v = view("share-of-voice", "project=acme&" + period(FROM, TO));
        long aurora = in("aurora", FROM, TO).stream().mapToLong(MinuteRow::mentions).sum();
        long rival = in("rival", FROM, TO).stream().mapToLong(MinuteRow::mentions).sum();
        assertThat(v.at("/table/rows/0").toString()).isEqualTo("[\"aurora\",\"Aurora\",\"brand\"," + aurora + ","
                + Math.round(aurora * 1000.0 / (aurora + rival)) / 10.0 + "]");
        assertThat(v.at("/table/rows/1/3").asLong()).isEqualTo(rival);
        assertThat(v.at("/totals/mentions").asLong()).isEqualTo(aurora + rival);
        assertThat(v.at("/series/rows")).isNotEmpty();
        assertThat(served.api().get("/api/v1/views/share-of-voice?rule=aurora", served.viewer()).status()).isEqualTo(400);
    }

    @Test
    void topAuthorsByReachAndByCount() {
        List<MentionRow> inPeriod = mentions.stream().filter(m -> m.published().isBefore(TO)).toList();
        Map<String, long[]> authors = new HashMap<>();
        for (MentionRow m : inPeriod) {
            long[] a = authors.computeIfAbsent(m.author(), x -> new long[2]);
            a[0]++;
            a[1] = Math.max(a[1], m.reach());
        }
        List<String> byReach = authors.entrySet().stream().sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[1])
                .thenComparingLong(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey)).map(e -> e.getKey() + " " + e.getValue()[0]
                + " " + e.getValue()[1]).toList();
        JsonNode v = view("top-authors", "rule=aurora&by=reach&" + period(FROM, TO));
        List<String> actual = new ArrayList<>();
        for (JsonNode row : v.at("/table/rows")) actual.add(row.get(0).asText() + " " + row.get(1).asLong() + " " + row.get(2).asLong());
        assertThat(actual).isEqualTo(byReach);
        assertThat(v.at("/totals/authors").asLong()).isEqualTo(7);
        JsonNode byCount = view("top-authors", "rule=aurora&by=count&limit=1&" + period(FROM, TO));
        long most = authors.values().stream().mapToLong(a -> a[0]).max().orElseThrow();
        assertThat(byCount.at("/table/rows")).hasSize(1);
        assertThat(byCount.at("/table/rows/0/1").asLong()).isEqualTo(most);
    }

    @Test
    void topMentionsByReachAndEngagement() {
        List<MentionRow> inPeriod = mentions.stream().filter(m -> m.published().isBefore(TO)).toList();
        JsonNode v = view("top-mentions", "rule=aurora&limit=5&" + period(FROM, TO));
        List<String> expected = inPeriod.stream().sorted(Comparator.comparingLong(MentionRow::reach).reversed()
                .thenComparing(Comparator.comparingLong(MentionRow::likes).reversed()).thenComparing(MentionRow::id)).limit(5)
                .map(MentionRow::id).toList();
        List<String> actual = new ArrayList<>();
        for (JsonNode row : v.at("/table/rows")) actual.add(row.get(0).asText());
        assertThat(actual).isEqualTo(expected);
        JsonNode engaged = view("top-mentions", "rule=aurora&by=engagement&limit=1&" + period(FROM, TO));
        long most = inPeriod.stream().mapToLong(MentionRow::likes).max().orElseThrow();
        assertThat(engaged.at("/table/rows/0/7").asLong()).isEqualTo(most);
    }

    @Test
    void trendingTermsAgainstThePreviousPeriod() {
        JsonNode v = view("trending", "rule=aurora&" + period(FROM, TO));
        List<String> expected = terms.entrySet().stream().filter(e -> e.getValue()[1] > 0)
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -(e.getValue()[1] - e.getValue()[0]))
                        .thenComparingLong(e -> -e.getValue()[1]).thenComparing(Map.Entry::getKey))
                .map(e -> e.getKey() + " " + e.getValue()[1] + " " + e.getValue()[0]).toList();
        List<String> actual = new ArrayList<>();
        for (JsonNode row : v.at("/table/rows")) actual.add(row.get(0).asText() + " " + row.get(1).asLong() + " " + row.get(2).asLong());
        assertThat(actual).isEqualTo(expected).isNotEmpty();
    }

    @Test
    void oneMentionWithItsRules() {
        ApiClient.Answer a = served.api().get("/api/v1/mentions/bluesky:3", served.viewer());
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("text").asText()).isEqualTo("aurora post number 3");
        assertThat(a.json().get("rules").toString()).isEqualTo("[\"aurora\"]");
        assertThat(a.json().get("copies")).isEmpty();
        ApiClient.Answer none = served.api().get("/api/v1/mentions/nope", served.viewer());
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("error").asText()).isEqualTo("no mention 'nope'");
    }

    @Test
    void badRangesAndUnknownScopesAreNamed() {
        ApiClient.Answer bad = served.api().get("/api/v1/views/volume?rule=aurora&from=yesterday", served.viewer());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).contains("'from'", "ISO-8601", "yesterday");
        ApiClient.Answer backwards = served.api().get("/api/v1/views/volume?rule=aurora&" + period(TO, FROM), served.viewer());
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("error").asText()).contains("'from' must be before 'to'");
        ApiClient.Answer unknown = served.api().get("/api/v1/views/volume?rule=nope", served.viewer());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("no rule 'nope'");
        assertThat(served.api().get("/api/v1/views/volume?project=nope", served.viewer()).status()).isEqualTo(404);
        assertThat(served.api().get("/api/v1/views/volume?bucket=week&rule=aurora", served.viewer()).json().get("error").asText())
                .contains("'bucket'", "minute", "week");
        JsonNode longRange = view("volume", "rule=aurora&bucket=minute&from=2000-01-01T00:00:00Z&to=2026-12-01T00:00:00Z");
        assertThat(longRange.at("/period/bucket").asText()).as("asked for minutes over 26 years: days").isEqualTo("day");
        Set<String> days = new HashSet<>();
        for (JsonNode row : longRange.at("/table/rows")) days.add(row.get(0).asText());
        assertThat(days).containsExactly("2026-11-30T00:00:00Z");
    }
}
