package org.earshot.dashboards;

import java.nio.file.Path;
import org.earshot.pipeline.testing.EarshotClickHouse;
import org.earshot.pipeline.testing.EarshotKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A test class against the dashboards {@link Served} once for the class, on a real broker and the ClickHouse engine. */
abstract class ServedTest {
    @RegisterExtension
    static final EarshotKafka kafka = new EarshotKafka();
    @RegisterExtension
    static final EarshotClickHouse clickhouse = new EarshotClickHouse();
    @TempDir
    static Path dir;
    static Served served;

    @BeforeAll
    static void serve() throws Exception {
        served = Served.start(kafka, clickhouse, dir);
    }

    @AfterAll
    static void stop() throws Exception {
        served.close();
    }
}
