package org.earshot.local.kafka;

import org.earshot.local.DirectoryLock;
import org.earshot.local.FreePorts;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (KRaft, combined broker and controller) running inside this JVM, bound to
 * 127.0.0.1, with its log in a directory of the caller's choosing: a single node on its own, or
 * one {@link Node} of a quorum whose other nodes run in other processes ({@link KafkaNode}).
 *
 * <p>Both of its listeners (clients and the controller) require SASL/PLAIN with one user, {@value
 * #USER}, and the password the broker is started with: a local process without the password can
 * neither read nor write a topic. {@link #clientProperties()} carries the client side of it. The broker is
 * single-user by design: whoever has the password may do everything, so there are no ACLs.
 *
 * <p>Started from the Kafka jars rather than {@code kafka.Kafka.main}, which calls {@code
 * System.exit}. A data directory formatted once is reused on the next start, so topics and offsets
 * survive restarts. Close it to shut the broker down cleanly.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    /** Nothing that needs quoting inside a JAAS option. */
    private static final Pattern SAFE_PASSWORD = Pattern.compile("[A-Za-z0-9_-]{16,}");
    /** The transaction protocol the Kafka connector's recovery was built for (KIP-98's, before KIP-890 part 2). */
    static final String TRANSACTION_VERSION = "transaction.version";
    static final short KAFKA_SINK_TRANSACTION_VERSION = 1;
    /** The broker's one SASL user. */
    public static final String USER = "earshot";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;
    private final DirectoryLock lock;
    private final String password;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path dataDir, DirectoryLock lock, String password) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.lock = lock;
        this.password = password;
    }

    /** Starts a broker on free ports, with a password of its own (see {@link #clientProperties()}). */
    public static EmbeddedKafka start(Path dataDir) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return start(dataDir, 0, HexFormat.of().formatHex(random));
    }

    /**
     * Starts a broker whose clients connect on {@code port} (0 picks a free one) with {@code
     * password}; the controller takes another free port.
     */
    public static EmbeddedKafka start(Path dataDir, int port, String password) {
        int[] free;
        try {
            free = FreePorts.take(2);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports for the embedded Kafka broker", e);
        }
        int brokerPort = port == 0 ? free[0] : port;
        Node self = new Node(1, brokerPort, free[1] == brokerPort ? free[0] : free[1]);
        return start(dataDir, self, List.of(self), Uuid.randomUuid().toString(), password);
    }

    /**
     * One node of a KRaft quorum: its id, the port its clients connect to and the port the controllers talk on.
     */
    public record Node(int id, int brokerPort, int controllerPort) {
        /** The quorum's voters as {@code controller.quorum.voters} lists them. */
        static String voters(List<Node> quorum) {
            return String.join(",", quorum.stream().map(n -> n.id + "@127.0.0.1:" + n.controllerPort).toList());
        }
    }

    /**
     * Starts node {@code self} of {@code quorum} (every node broker and controller), formatting an empty data
     * directory for the cluster {@code clusterId}. Internal topics and topics created without a replication factor get
     * up to three replicas, and a write needs two in sync when there are three or more nodes.
     */
    public static EmbeddedKafka start(Path dataDir, Node self, List<Node> quorum, String clusterId, String password) {
        if (password == null || !SAFE_PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException("the embedded Kafka's password must be 16 or more letters, digits, '-' or '_'");
        }
        DirectoryLock lock = DirectoryLock.acquire(dataDir, "Kafka data directory");
        try {
            Properties props = brokerProperties(dataDir, self, quorum, password);
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            if (!Files.exists(dataDir.resolve("meta.properties"))) {
                format(dataDir, self.id(), clusterId);
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + self.brokerPort();
            LOG.info("Kafka broker started on {} with data in {}", bootstrap, dataDir);
            return new EmbeddedKafka(server, bootstrap, dataDir, lock, password);
        } catch (RuntimeException e) {
            lock.close();
            throw new IllegalStateException("cannot start the embedded Kafka broker in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** What a client of this broker sets besides its address: SASL with this broker's password. */
    public Map<String, String> clientProperties() {
        return clientProperties(password);
    }

    /** What a client of an embedded broker with {@code password} sets besides its address. */
    public static Map<String, String> clientProperties(String password) {
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", jaas(password, false));
    }

    /** PLAIN's login module: the client's user and password, and for the broker also the users it knows. */
    private static String jaas(String password, boolean broker) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER + "\" password=\"" + password + "\""
                + (broker ? " user_" + USER + "=\"" + password + "\"" : "") + ";";
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            lock.close();
        }
        LOG.info("Kafka broker on {} stopped", bootstrapServers);
    }

    private static Properties brokerProperties(Path dataDir, Node self, List<Node> quorum, String password) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(self.id()));
        p.setProperty("controller.quorum.voters", Node.voters(quorum));
        p.setProperty("listeners", "CLIENTS://127.0.0.1:" + self.brokerPort() + ",CONTROLLER://127.0.0.1:" + self.controllerPort());
        p.setProperty("advertised.listeners", "CLIENTS://127.0.0.1:" + self.brokerPort());
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "CLIENTS");
        // Both listeners ask for the password: on a shared machine, loopback is not a boundary.
        p.setProperty("listener.security.protocol.map", "CLIENTS:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.setProperty("sasl.enabled.mechanisms", "PLAIN");
        p.setProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
        p.setProperty("listener.name.clients.plain.sasl.jaas.config", jaas(password, true));
        p.setProperty("listener.name.controller.plain.sasl.jaas.config", jaas(password, true));
        p.setProperty("log.dirs", dataDir.toAbsolutePath().toString());
        // One node keeps a single replica of everything; a quorum of three or more keeps three and writes to two at least,
        // so one broker may die without losing an acknowledged record or stopping writes.
        String replicas = String.valueOf(Math.min(3, quorum.size()));
        String inSync = quorum.size() >= 3 ? "2" : "1";
        p.setProperty("default.replication.factor", replicas);
        p.setProperty("min.insync.replicas", inSync);
        p.setProperty("offsets.topic.replication.factor", replicas);
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", replicas);
        p.setProperty("transaction.state.log.min.isr", inSync);
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
        p.setProperty("share.coordinator.state.topic.min.isr", inSync);
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.partitions", "1");
        // Topics are created explicitly with their settings; a typo must not create a new one.
        p.setProperty("auto.create.topics.enable", "false");
        return p;
    }

    private static void format(Path dataDir, int nodeId, String clusterId) {
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(dataDir.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(dataDir.toAbsolutePath().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    // Flink's KafkaSink commits a restored transaction by resuming its producer id and epoch; with
                    // transaction version 2 every commit bumps the epoch, so recommitting one already committed
                    // before a failure is fenced and logged as data loss (seen in ClusterIT's TaskManager logs).
                    .setFeatureLevel(TRANSACTION_VERSION, KAFKA_SINK_TRANSACTION_VERSION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
