package org.earshot.pipeline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.earshot.local.testing.TestClickHouse;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;

/**
 * The ClickHouse engine behind its HTTP front for each test, reached through the JDBC driver, with Earshot's
 * tables migrated: {@code @RegisterExtension final EarshotClickHouse clickhouse = new EarshotClickHouse();}.
 * {@link #keepingEveryRow} turns merges off on the tables a test counts duplicates in.
 */
public final class EarshotClickHouse extends ServiceExtension {
    private final List<String> keepEveryRow;
    private Path dir;
    private TestClickHouse clickhouse;

    public EarshotClickHouse() {
        this(List.of());
    }

    private EarshotClickHouse(List<String> keepEveryRow) {
        this.keepEveryRow = keepEveryRow;
    }

    /** No merge folds a row away in these tables (see {@link EarshotSchema#keepEveryRow}). */
    public EarshotClickHouse keepingEveryRow(String... tables) {
        return new EarshotClickHouse(List.of(tables));
    }

    @Override
    void start() throws IOException {
        dir = Files.createTempDirectory("earshot-clickhouse-");
        clickhouse = TestClickHouse.start(dir).setUp(EarshotSchema::apply);
        EarshotSchema.keepEveryRow(clickhouse, keepEveryRow.toArray(String[]::new));
    }

    @Override
    void stop() {
        if (clickhouse != null) clickhouse.close();
        clickhouse = null;
        EarshotKafka.delete(dir);
    }

    /** The server: queries, stop and start again, its JDBC URL. */
    public TestClickHouse server() {
        if (clickhouse == null) throw new IllegalStateException("ClickHouse runs during a test only");
        return clickhouse;
    }

    /** How a sink writes to it. */
    public ClickHouseSinkOptions sink() {
        return EarshotSchema.sink(server());
    }
}
