package org.earshot.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.jobs.local.RuleStore;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.pipeline.matching.RuleMatcher;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Rule;
import org.earshot.schemas.Topics;
import picocli.CommandLine;

/**
 * Loads the classes Earshot's short commands ({@code rules}, {@code sql}, {@code score}, help)
 * spend most of their start on: picocli's model of every command, the query parser and matcher,
 * Jackson, and Kafka's clients with the embedded broker's SASL settings (constructed, never
 * connected). {@code bin/earshot} runs it once per build with {@code -XX:ArchiveClassesAtExit}, and
 * starts every command from that class-data archive: {@code earshot rules list} against a running
 * broker went from 2.7 s to 1.5 s on a 2-core machine (see jobs/cli/README.md).
 */
public final class ClassDataTraining {
    private ClassDataTraining() {}

    public static void main(String[] args) throws IOException {
        CommandLine cli = Earshot.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.execute("--help");
        cli.execute("rules", "validate", "(aurora OR \"aurora phone\") NEAR/3 crash* -job");

        RuleMatcher matcher = new RuleMatcher();
        matcher.register("training", "aurora OR #aurora");
        Mention mention = new Mention();
        mention.id = "training";
        mention.network = "text";
        mention.text = "Aurora's new update";
        matcher.match(mention);
        Topics.RULES.deserialize(Topics.RULES.serialize(new Rule("training", "aurora", null, Instant.now())));

        Path empty = Files.createTempDirectory("earshot-training");
        try {
            RuleStore.readFiles(empty);
            Properties props = new KafkaSettings("127.0.0.1:9", EmbeddedKafka.clientProperties("training-password-0000")).toProperties();
            new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()).close(Duration.ZERO);
            new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()).close(Duration.ZERO);
        } finally {
            Files.delete(empty);
        }
    }
}
