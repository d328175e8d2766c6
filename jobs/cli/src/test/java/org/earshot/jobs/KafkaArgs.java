package org.earshot.jobs;

import org.earshot.pipeline.testing.TestKafka;
import org.earshot.jobs.settings.KafkaKeys;
import java.util.ArrayList;
import java.util.List;
import org.earshot.local.kafka.EmbeddedKafka;

/** The arguments that point a command or a job at a test's broker, its SASL credentials included. */
public final class KafkaArgs {
    private KafkaArgs() {}

    /** {@code --set kafka.bootstrap-servers=…} and {@code --set kafka.client.…=…}, for {@code earshot} commands. */
    public static List<String> set(EmbeddedKafka kafka) {
        List<String> args = new ArrayList<>(List.of("--set", KafkaKeys.BOOTSTRAP_SERVERS.key() + "=" + kafka.bootstrapServers()));
        TestKafka.settings(kafka).clientProperties().forEach((k, v) -> args.addAll(List.of("--set", KafkaKeys.CLIENT.stem() + k + "=" + v)));
        return args;
    }

    /** {@code --kafka.bootstrap-servers …} and {@code --kafka.client.… …}, for a job's {@code main} as {@code flink run} passes them. */
    public static List<String> job(EmbeddedKafka kafka) {
        List<String> args = new ArrayList<>(List.of("--" + KafkaKeys.BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers()));
        TestKafka.settings(kafka).clientProperties().forEach((k, v) -> args.addAll(List.of("--" + KafkaKeys.CLIENT.stem() + k, v)));
        return args;
    }
}
