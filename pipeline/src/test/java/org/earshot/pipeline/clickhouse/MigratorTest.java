package org.earshot.pipeline.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.earshot.local.testing.TestClickHouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The bundled migrations through the JDBC driver on the real engine. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MigratorTest {
    @TempDir
    Path dir;

    @Test
    void appliesOnceIsANoOpAgainAndRefusesAChangedMigration() throws Exception {
        try (TestClickHouse clickhouse = TestClickHouse.start(dir.resolve("ch"));
             Connection c = clickhouse.connect()) {
            List<Migration> bundled = Migration.bundled();
            assertThat(bundled).extracting(Migration::version).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);

            assertThat(new Migrator(bundled).migrate(c)).isEqualTo(14);
            assertThat(new Migrator(bundled).migrate(c)).isZero();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name")) {
                List<String> tables = new ArrayList<>();
                while (rs.next()) tables.add(rs.getString(1));
                assertThat(tables).contains("mentions", "mention_rules", "rule_minute", "rule_day", "rule_day_mv",
                        "rule_hour_terms", "alerts", "schema_migrations", "rule_minute_input", "rule_minute_mv", "mention_copies", "api_tokens",
                        "projects", "report_schedules", "report_deliveries", "publications");
            }

            // The materialized view rolls minutes up into days.
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO rule_minute (rule_id, minute, network, lang, sentiment, mentions, reach, unique_authors, joy) "
                        + "SELECT 'r1', toDateTime('2026-11-28 10:00:00', 'UTC') + number * 60, 'mastodon', 'en', 'positive', "
                        + "1, 100, uniqState(toString(number % 2)), 1 FROM numbers(3) GROUP BY number");
                try (ResultSet rs = s.executeQuery("SELECT sum(mentions), sum(reach), uniqMerge(unique_authors), sum(joy), sum(anger) FROM rule_day WHERE rule_id = 'r1'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(3);
                    assertThat(rs.getLong(2)).isEqualTo(300);
                    assertThat(rs.getLong(3)).isEqualTo(2);
                    assertThat(rs.getLong(4)).isEqualTo(3);
                    assertThat(rs.getLong(5)).isZero();
                }
            }

            // A batch replayed with the same insert_deduplication_token is stored once: what the sink relies on.
            for (String token : List.of("run-1/0/7/0", "run-1/0/7/0", "run-1/0/8/0")) {
                java.util.Properties props = new java.util.Properties();
                props.setProperty("user", "default");
                props.setProperty("password", clickhouse.password());
                props.setProperty("clickhouse_setting_insert_deduplication_token", token);
                try (Connection tokened = DriverManager.getConnection(clickhouse.jdbcUrl(), props);
                     Statement s = tokened.createStatement()) {
                    s.execute("INSERT INTO mention_rules (rule_id, mention_id, published_at) VALUES ('r1', 'm1', now64(3)), ('r1', 'm2', now64(3))");
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count() FROM mention_rules")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("the repeated token dropped, a new token stored").isEqualTo(4);
            }

            // Reach once per author; open minutes counted from mention_rules until rule_minute has them.
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO mention_rules (rule_id, mention_id, published_at, network, reach, author) VALUES "
                        + "('r2', 'a', '2026-11-28 10:00:05', 'mastodon', 1000, '@big'), "
                        + "('r2', 'b', '2026-11-28 10:00:30', 'mastodon', 1000, '@big'), "
                        + "('r2', 'c', '2026-11-28 10:01:10', 'mastodon', 10, '@small'), "
                        + "('r2', 'd', '2026-11-28 10:02:10', 'mastodon', 1000, '@big')");
                s.execute("INSERT INTO rule_minute_input (rule_id, minute, network, lang, sentiment, mentions, reach, authors) VALUES "
                        + "('r2', '2026-11-28 10:00:00', 'mastodon', '', '', 2, 2000, ['@big']), "
                        + "('r2', '2026-11-28 10:01:00', 'mastodon', '', '', 1, 10, ['@small'])");
                try (ResultSet rs = s.executeQuery("SELECT author, mentions, reach FROM rule_authors(rule = 'r2', "
                        + "from = '2026-11-28 00:00:00', to = '2026-11-29 00:00:00') ORDER BY reach DESC")) {
                    List<String> authors = new ArrayList<>();
                    while (rs.next()) authors.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3));
                    assertThat(authors).containsExactly("@big 3 1000", "@small 1 10");
                }
                try (ResultSet rs = s.executeQuery("SELECT toString(minute), sum(mentions), sum(reach) FROM rule_minute_whole "
                        + "WHERE rule_id = 'r2' GROUP BY minute ORDER BY minute")) {
                    List<String> minutes = new ArrayList<>();
                    while (rs.next()) minutes.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3));
                    assertThat(minutes).as("two closed minutes from rule_minute, the open third from mention_rules").containsExactly(
                            "2026-11-28 10:00:00 2 2000", "2026-11-28 10:01:00 1 10", "2026-11-28 10:02:00 1 1000");
                }
            }

            List<Migration> changed = new ArrayList<>(bundled);
            changed.set(1, new Migration(2, bundled.get(1).name(), bundled.get(1).sql() + "\n-- edited\n"));
            assertThatThrownBy(() -> new Migrator(changed).migrate(c))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("V002__mention_rules.sql was changed after it was applied");
        }
    }

    /** A URL naming a database migrates into it, as against a server, and leaves {@code default} alone. */
    @Test
    void migratesIntoTheDatabaseTheUrlNames() throws Exception {
        try (TestClickHouse clickhouse = TestClickHouse.start(dir.resolve("db"))) {
            try (Connection c = clickhouse.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE earshot");
            }
            String url = clickhouse.jdbcUrl().replace("/default", "/earshot");
            try (Connection c = DriverManager.getConnection(url, "default", clickhouse.password())) {
                assertThat(new Migrator(Migration.bundled()).migrate(c)).isEqualTo(Migration.bundled().size());
            }
            assertThat(clickhouse.queryLong("SELECT count() FROM system.tables WHERE database = 'earshot' AND name = 'mentions'")).isOne();
            assertThat(clickhouse.queryLong("SELECT count() FROM earshot.schema_migrations")).isEqualTo(Migration.bundled().size());
            assertThat(clickhouse.queryLong("SELECT count() FROM system.tables WHERE database = 'default'")).isZero();
        }
    }
}
