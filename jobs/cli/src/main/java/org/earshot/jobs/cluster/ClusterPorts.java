package org.earshot.jobs.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;
import org.earshot.local.FreePorts;
import org.earshot.local.kafka.EmbeddedKafka;

/**
 * Where a local cluster listens, chosen once when it is first started and kept in {@code cluster.json}, so that a
 * process started again (after {@code down}, a crash or a {@code kill -9}) comes back on the same address and its
 * clients find it.
 *
 * @param rest       the JobManager's REST API and web UI
 * @param rpc        the JobManager's RPC port, where TaskManagers register
 * @param blob       the JobManager's blob server, where TaskManagers fetch job jars
 * @param clickhouse the ClickHouse server's HTTP port
 * @param kafka      the brokers: id, client port, controller port
 * @param kafkaClusterId the id the brokers' storage was formatted with
 */
record ClusterPorts(int rest, int rpc, int blob, int clickhouse, List<EmbeddedKafka.Node> kafka, String kafkaClusterId) {
    static final int BROKERS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The ports in {@code file}, or new free ones written there. */
    static ClusterPorts in(Path file) {
        try {
            if (Files.isRegularFile(file)) return JSON.readValue(file.toFile(), ClusterPorts.class);
            int[] free = FreePorts.take(4 + 2 * BROKERS);
            List<EmbeddedKafka.Node> brokers = IntStream.range(0, BROKERS)
                    .mapToObj(i -> new EmbeddedKafka.Node(i + 1, free[4 + 2 * i], free[5 + 2 * i])).toList();
            ClusterPorts ports = new ClusterPorts(free[0], free[1], free[2], free[3], brokers, Uuid.randomUuid().toString());
            Files.createDirectories(file.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), ports);
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the cluster's addresses in " + file + ": " + e.getMessage(), e);
        }
    }

    String bootstrapServers() {
        return String.join(",", kafka.stream().map(n -> "127.0.0.1:" + n.brokerPort()).toList());
    }

    String restAddress() {
        return "http://127.0.0.1:" + rest;
    }
}
