package org.earshot.dashboards;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.earshot.local.testing.TestClickHouse;

/**
 * Two hours of a brand's and a competitor's minutes from {@code FROM} (through the real materialized views), the
 * brand's {@value #MENTIONS} mentions (the first one's text a spreadsheet formula, with the most reach), and its
 * hourly terms: what the export and Grafana tests compare with the API.
 */
final class SampleData {
    static final int MENTIONS = 30;

    private SampleData() {}

    /** The formula-like post has the most reach, so that it is among the top mentions. */
    static long reach(int i) {
        return i == 0 ? 5000 : 1000L + i;
    }

    static void write(TestClickHouse clickhouse, Instant FROM, String brand, String competitor) throws Exception {
        try (Connection c = clickhouse.connect()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO rule_minute_input (rule_id, minute, network, lang, sentiment, mentions, "
                    + "reach, authors, anger, joy, optimism, sadness) VALUES (?, toDateTime(?, 'UTC'), ?, 'en', ?, ?, ?, [], ?, ?, 0, 0)")) {
                for (int m = 0; m < 120; m++) {
                    for (String rule : List.of(brand, competitor)) {
                        for (String network : List.of("bluesky", "mastodon")) {
                            long k = (m * 7L + rule.length() + network.length()) % 5 + 1;
                            p.setString(1, rule);
                            p.setString(2, Database.text(FROM.plus(Duration.ofMinutes(m))).substring(0, 19));
                            p.setString(3, network);
                            p.setString(4, m % 3 == 0 ? "negative" : "positive");
                            p.setLong(5, k);
                            p.setLong(6, k * 100);
                            p.setLong(7, k / 2);
                            p.setLong(8, k / 3);
                            p.addBatch();
                        }
                    }
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO mention_rules (rule_id, mention_id, published_at, network, lang, sentiment, "
                    + "reach, author) VALUES (?, ?, toDateTime64(?, 3, 'UTC'), 'bluesky', 'en', 'neutral', ?, ?)");
                 PreparedStatement q = c.prepareStatement("INSERT INTO mentions (id, network, url, author_handle, text, lang, published_at, "
                         + "fetched_at, likes, reposts, replies, reach, sentiment, emotion, rule_ids) VALUES (?, 'bluesky', ?, ?, ?, 'en', "
                         + "toDateTime64(?, 3, 'UTC'), toDateTime64(?, 3, 'UTC'), 1, 0, 0, ?, 'neutral', 'none', [?])")) {
                for (int i = 0; i < MENTIONS; i++) {
                    String at = Database.text(FROM.plus(Duration.ofMinutes(i * 4L)));
                    String text = i == 0 ? "=HYPERLINK(\"http://evil.example\") " + brand : brand + " post ünïcode ✓ number " + i;
                    p.setString(1, brand);
                    p.setString(2, brand + ":r" + i);
                    p.setString(3, at);
                    p.setLong(4, reach(i));
                    p.setString(5, "@writer" + (i % 4));
                    p.addBatch();
                    q.setString(1, brand + ":r" + i);
                    q.setString(2, "https://example.org/r" + i);
                    q.setString(3, "@writer" + (i % 4));
                    q.setString(4, text);
                    q.setString(5, at);
                    q.setString(6, at);
                    q.setLong(7, reach(i));
                    q.setString(8, brand);
                    q.addBatch();
                }
                p.executeBatch();
                q.executeBatch();
            }
        }
        try (Connection c = clickhouse.connect(); PreparedStatement p = c.prepareStatement("INSERT INTO rule_hour_terms (rule_id, hour, "
                + "kind, term, count) VALUES (?, toDateTime(?, 'UTC'), 'term', ?, ?)")) {
            for (int h = 0; h < 2; h++) {
                for (String term : List.of("eclipse", "panel", "battery")) {
                    p.setString(1, brand);
                    p.setString(2, Database.text(FROM.plus(Duration.ofHours(h))).substring(0, 19));
                    p.setString(3, term);
                    p.setLong(4, term.length() + h);
                    p.addBatch();
                }
            }
            p.executeBatch();
        }
    }
}
