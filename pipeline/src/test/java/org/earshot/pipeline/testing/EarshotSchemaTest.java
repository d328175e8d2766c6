package org.earshot.pipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.earshot.local.testing.TestClickHouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exactly-once tests count duplicates with count(): that only works if nothing merges them away. */
class EarshotSchemaTest {
    @Test
    void keptRowsSurviveARestartAndAnOptimize(@TempDir Path dir) throws Exception {
        try (TestClickHouse clickhouse = TestClickHouse.start(dir).setUp(EarshotSchema::apply)) {
            EarshotSchema.keepEveryRow(clickhouse, "mention_rules");
            // One key three times, each insert a little different (an identical block would be dropped as a retry).
            for (int reach = 0; reach < 3; reach++) {
                clickhouse.engineQuery("INSERT INTO mention_rules (rule_id, mention_id, published_at, reach) VALUES ('r', 'm', '2026-01-01 00:00:00', "
                        + reach + ")");
            }
            clickhouse.stop();
            clickhouse.startAgain();
            clickhouse.engineQuery("OPTIMIZE TABLE mention_rules");
            assertThat(clickhouse.queryLong("SELECT count() FROM mention_rules")).isEqualTo(3);
            assertThat(clickhouse.queryLong("SELECT count() FROM mention_rules FINAL")).as("the engine does fold them when asked").isEqualTo(1);

        }
    }
}
