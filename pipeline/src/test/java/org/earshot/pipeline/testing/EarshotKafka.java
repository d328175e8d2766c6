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

/**
 * A real Kafka broker for each test, with every Earshot topic created, gone after it:
 * {@code @RegisterExtension final EarshotKafka kafka = new EarshotKafka();} then {@code kafka.settings()}.
 */
public final class EarshotKafka extends ServiceExtension {
    private Path dir;
    private EmbeddedKafka broker;

    @Override
    void start() throws IOException {
        dir = Files.createTempDirectory("earshot-kafka-");
        broker = EmbeddedKafka.start(dir);
        TopicAdmin.ensureTopics(settings(), 1, Topics.all());
    }

    @Override
    void stop() {
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
