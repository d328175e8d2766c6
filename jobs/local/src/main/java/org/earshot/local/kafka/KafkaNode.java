package org.earshot.local.kafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One broker of a local multi-broker Kafka as a process of its own ({@code earshot cluster up} starts three):
 * {@code KafkaNode DATA_DIR NODE_ID CLUSTER_ID PASSWORD_FILE ID:BROKER_PORT:CONTROLLER_PORT…}. The password is read
 * from a file so that it never shows in a process listing. Runs until the process is told to stop.
 */
public final class KafkaNode {
    private KafkaNode() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            throw new IllegalArgumentException("usage: KafkaNode DATA_DIR NODE_ID CLUSTER_ID PASSWORD_FILE ID:BROKER_PORT:CONTROLLER_PORT…");
        }
        Path data = Path.of(args[0]);
        int id = Integer.parseInt(args[1]);
        String password = Files.readString(Path.of(args[3]), StandardCharsets.UTF_8).strip();
        List<EmbeddedKafka.Node> quorum = Arrays.stream(args, 4, args.length).map(KafkaNode::node).toList();
        EmbeddedKafka.Node self = quorum.stream().filter(n -> n.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node " + id + " is not in the quorum " + List.of(args).subList(4, args.length)));
        EmbeddedKafka broker = EmbeddedKafka.start(data, self, quorum, args[2], password);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-node-shutdown"));
        stopped.await();
    }

    private static EmbeddedKafka.Node node(String text) {
        String[] parts = text.split(":");
        if (parts.length != 3) throw new IllegalArgumentException("a quorum node is ID:BROKER_PORT:CONTROLLER_PORT, not " + text);
        return new EmbeddedKafka.Node(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }
}
