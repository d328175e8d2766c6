package org.earshot.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.earshot.jobs.demo.DemoRules;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.schemas.Rule;
import org.earshot.schemas.Topics;

/** The rules a benchmark's Listen job runs with: the demo's and generated ones, as an analyst team's would be live. */
final class LiveRules {
    private LiveRules() {}

    /** Puts {@code count} rules on {@code earshot.rules}: the demo's six and ones generated from the corpus's words. */
    static void put(KafkaSettings settings, Path corpus, int count, PrintStream out) throws IOException {
        List<Rule> rules = new ArrayList<>();
        Instant now = Instant.now();
        DemoRules.RULES.forEach(r -> rules.add(new Rule(r.id, r.query, r.name, now)));
        List<String> generated = new MatchBenchmark.RuleGenerator(MatchBenchmark.vocabulary(MatchBenchmark.posts(corpus)), 42L)
                .rules(Math.max(0, count - rules.size()));
        for (int i = 0; i < generated.size(); i++) rules.add(new Rule("bench-" + i, generated.get(i), "Generated " + i, now));
        Properties props = settings.toProperties();
        props.setProperty("linger.ms", "5");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Rule r : rules) {
                producer.send(new ProducerRecord<>(Topics.RULES.name(), r.id.getBytes(StandardCharsets.UTF_8), Topics.RULES.serialize(r)));
            }
        }
        out.printf("%,d live rules (the demo's %d and generated ones from %s)%n", rules.size(), DemoRules.RULES.size(), corpus);
    }
}
