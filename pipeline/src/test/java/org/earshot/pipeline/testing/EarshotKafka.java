package org.earshot.pipeline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker for each test, with every Earshot topic created, gone after it:
 * {@code @RegisterExtension final EarshotKafka kafka = new EarshotKafka();} then {@code kafka.settings()}.
 */
public final class EarshotKafka implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    /** Registered on a static field: one for the whole class, started before its first test. */
    private boolean perClass;
    private Path dir;
    private EmbeddedKafka broker;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!perClass) start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) stop();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void start() throws IOException {
        dir = Files.createTempDirectory("earshot-kafka-");
        broker = EmbeddedKafka.start(dir);
        TopicAdmin.ensureTopics(settings(), 1, Topics.all());
    }

    private void stop() {
        if (broker != null) broker.close();
        broker = null;
        delete(dir);
    }

    /** The broker itself: its address, its client properties, its data directory. */
    public EmbeddedKafka broker() {
        if (broker == null) throw new IllegalStateException("the broker runs during a test only");
        return broker;
    }

    /** How Earshot's clients and jobs reach it. */
    public KafkaSettings settings() {
        return TestKafka.settings(broker());
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
