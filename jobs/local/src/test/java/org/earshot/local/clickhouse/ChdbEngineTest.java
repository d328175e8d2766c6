package org.earshot.local.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real ClickHouse engine through libchdb (fetched on first use, checksum-verified). */
class ChdbEngineTest {
    @TempDir
    Path dir;

    @Test
    void runsRealClickHouseSqlAndReportsErrorsWithTheirCodes() {
        try (ChdbEngine engine = ChdbEngine.open(dir)) {
            assertThat(engine.queryText("SELECT version()")).startsWith("26.7");
            engine.query("CREATE TABLE m (id String, ts DateTime64(3), n UInt32) ENGINE = MergeTree ORDER BY id", "TabSeparated");
            engine.query("INSERT INTO m VALUES ('a', '2026-11-28 10:00:00.123', 1), ('b', '2026-11-28 10:00:01.456', 2), ('c\\tü😀', now64(3), 3)", "TabSeparated");
            assertThat(engine.queryText("SELECT count(), sum(n) FROM m")).isEqualTo("3\t6\n");
            assertThat(engine.queryText("SELECT ts FROM m WHERE id = 'b'")).isEqualTo("2026-11-28 10:00:01.456\n");
            assertThat(engine.queryText("SELECT id FROM m WHERE n = 3")).isEqualTo("c\\tü😀\n");

            assertThatThrownBy(() -> engine.query("SELECT * FROM no_such_table", "TabSeparated"))
                    .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.code()).isEqualTo(60));
            assertThatThrownBy(() -> engine.query("SELEC 1", "TabSeparated"))
                    .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.code()).isEqualTo(62));
            assertThatThrownBy(() -> ChdbEngine.open(dir))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use").hasMessageContaining(dir.toString());
        }
        try (ChdbEngine again = ChdbEngine.open(dir)) {
            assertThat(again.queryText("SELECT count() FROM m")).as("data kept after closing").isEqualTo("3\n");
        }
    }
}
