package org.earshot.local.kafka;

import org.earshot.local.DirectoryLock;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
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
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM,
 * bound to 127.0.0.1, with its log in a directory of the caller's choosing.
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
    private static final int NODE_ID = 1;
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
        if (password == null || !SAFE_PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException("the embedded Kafka's password must be 16 or more letters, digits, '-' or '_'");
        }
        DirectoryLock lock = DirectoryLock.acquire(dataDir, "Kafka data directory");
        try {
            int[] free = freePorts(2);
            int brokerPort = port == 0 ? free[0] : port;
            int controllerPort = free[1] == brokerPort ? free[0] : free[1];
            Properties props = brokerProperties(dataDir, brokerPort, controllerPort, password);
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            if (!Files.exists(dataDir.resolve("meta.properties"))) {
                format(dataDir);
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + brokerPort;
            LOG.info("Kafka broker started on {} with data in {}", bootstrap, dataDir);
            return new EmbeddedKafka(server, bootstrap, dataDir, lock, password);
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("cannot start the embedded Kafka broker in " + dataDir, e);
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

    private static Properties brokerProperties(Path dataDir, int brokerPort, int controllerPort, String password) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "CLIENTS://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "CLIENTS://127.0.0.1:" + brokerPort);
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
        // One node: every internal topic must live with a single replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.partitions", "1");
        // Topics are created explicitly with their settings; a typo must not create a new one.
        p.setProperty("auto.create.topics.enable", "false");
        return p;
    }

    private static void format(Path dataDir) {
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDir.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(dataDir.toAbsolutePath().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Distinct free loopback ports: every socket stays open until all are taken, since a port
     * asked for alone may be handed out again at once (the broker and its controller once got
     * the same one).
     */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
