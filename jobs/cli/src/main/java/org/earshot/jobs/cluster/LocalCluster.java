package org.earshot.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.local.kafka.KafkaNode;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.schemas.Topics;

/**
 * A real cluster on this machine, for trying Earshot as it runs on one and for testing it there: a Flink session
 * cluster (a JobManager and two TaskManagers), three Kafka brokers (KRaft, every topic on all three, two in sync for a
 * write) and a ClickHouse server ({@code earshot clickhouse serve}), each a process of its own that outlives the
 * command which started it. Everything lives in one folder ({@code DATA/cluster}): addresses, configuration, logs,
 * data, checkpoints, savepoints and the generated passwords.
 *
 * <p>{@link #up} starts whatever is not running (all of it the first time, a killed process on a later call) and
 * returns once everything answers; {@link #down} stops it all; nothing is removed.
 */
public final class LocalCluster {
    /** The processes, in the order they start. */
    public static final List<String> PROCESSES = List.of("kafka-1", "kafka-2", "kafka-3", "clickhouse", "jobmanager",
            "taskmanager-1", "taskmanager-2");
    /** Slots of each TaskManager: a job at this parallelism fits on one, so it survives losing the other. */
    public static final int SLOTS_PER_TASKMANAGER = FlinkProcesses.SLOTS_PER_TASKMANAGER;
    static final String KAFKA_PASSWORD = "kafka.password";
    static final String CLICKHOUSE_PASSWORD = "clickhouse.password";
    /** The settings that reach this cluster, secrets included, for {@code --config}. */
    static final String SETTINGS = "earshot.properties";

    private final DataDirectory dir;
    private final ClusterPorts ports;

    private LocalCluster(DataDirectory dir, ClusterPorts ports) {
        this.dir = dir;
        this.ports = ports;
    }

    /** The cluster kept in {@code DATA/cluster}, with its addresses chosen the first time. */
    public static LocalCluster in(Path data) {
        DataDirectory dir = new DataDirectory(data.resolve("cluster"));
        return new LocalCluster(dir, ClusterPorts.in(dir.root().resolve("cluster.json")));
    }

    /** Starts what is not running and waits, up to {@code timeout}, until the brokers, ClickHouse and two TaskManagers answer. */
    public LocalCluster up(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String kafkaPassword = dir.secrets().get(KAFKA_PASSWORD);
        dir.secrets().get(CLICKHOUSE_PASSWORD); // made now, before the server and the JobManager both read it
        for (EmbeddedKafka.Node node : ports.kafka()) startBroker(node);
        startClickHouse();
        startFlink(kafkaPassword); // all at once: none needs another to start, and their JVMs warm up side by side
        awaitUntil(deadline, "three Kafka brokers", () -> brokersUp() == ClusterPorts.BROKERS);
        TopicAdmin.ensureTopics(kafka(), SLOTS_PER_TASKMANAGER, Topics.all());
        awaitUntil(deadline, "ClickHouse", this::clickhouseAnswers);
        awaitUntil(deadline, "the JobManager and two TaskManagers", () -> taskManagers() == 2);
        dir.secrets().write(SETTINGS, settings().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\") + "\n")
                .reduce("# How to reach the local cluster (earshot cluster up): use with --config.\n", String::concat));
        return this;
    }

    /** Stops every process (cleanly, then forcibly after 30 s); returns the names of those that were running. */
    public List<String> down() {
        List<String> stopped = new ArrayList<>();
        for (int i = PROCESSES.size() - 1; i >= 0; i--) {
            if (process(PROCESSES.get(i)).stop(Duration.ofSeconds(30))) stopped.add(PROCESSES.get(i));
        }
        return stopped;
    }

    /** Each process and its pid, or empty when it is not running. */
    public Map<String, Optional<Long>> status() {
        Map<String, Optional<Long>> status = new LinkedHashMap<>();
        for (String name : PROCESSES) status.put(name, process(name).running().map(ProcessHandle::pid));
        return status;
    }

    /** The JobManager's REST address, e.g. {@code http://127.0.0.1:8081}. */
    public String jobManager() {
        return ports.restAddress();
    }

    /** How Earshot reaches the brokers: their addresses and the SASL password the cluster made. */
    public KafkaSettings kafka() {
        return new KafkaSettings(ports.bootstrapServers(), EmbeddedKafka.clientProperties(dir.secrets().get(KAFKA_PASSWORD)));
    }

    /** The ClickHouse server's JDBC URL (user {@code default}, password {@link #clickhousePassword}). */
    public String clickhouseUrl() {
        return "jdbc:clickhouse:http://127.0.0.1:" + ports.clickhouse() + "/default";
    }

    public String clickhousePassword() {
        return dir.secrets().get(CLICKHOUSE_PASSWORD);
    }

    /** The settings file {@link #up} writes: {@code DATA/cluster/secrets/earshot.properties}, 0600. */
    public Path settingsFile() {
        return dir.secrets().file(SETTINGS);
    }

    /** Where the cluster keeps everything. */
    public Path root() {
        return dir.root();
    }

    /** A process of the cluster by name, to stop or kill one in a failover test. */
    public Optional<ProcessHandle> running(String name) {
        return process(name).running();
    }

    /** Starts one process again if it is not running (a broker or TaskManager that was killed), without waiting. */
    public void restart(String name) {
        if (name.startsWith("kafka-")) startBroker(ports.kafka().get(Integer.parseInt(name.substring(6)) - 1));
        else if (name.equals("clickhouse")) startClickHouse();
        else startFlink(dir.secrets().get(KAFKA_PASSWORD));
    }

    /**
     * The settings a job on this cluster is submitted with, or a command on this machine uses to reach it, secrets
     * included: written to {@link #settingsFile()} for {@code --config}.
     */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap-servers", ports.bootstrapServers());
        kafka().clientProperties().forEach((k, v) -> settings.put("kafka.client." + k, v));
        settings.put("clickhouse.url", clickhouseUrl());
        settings.put("clickhouse.password", clickhousePassword());
        return settings;
    }

    private void startBroker(EmbeddedKafka.Node node) {
        String name = "kafka-" + node.id();
        Path data = dir.root().resolve(name);
        List<String> args = new ArrayList<>(List.of(data.toString(), String.valueOf(node.id()), ports.kafkaClusterId(),
                dir.secrets().file(KAFKA_PASSWORD).toString()));
        ports.kafka().forEach(n -> args.add(n.id() + ":" + n.brokerPort() + ":" + n.controllerPort()));
        process(name).start(JavaProcess.classPath(false), List.of("-Xmx512m", "-XX:+UseParallelGC",
                        "-Dlog4j2.configurationFile=" + log4j(name).toUri(), "-Dlog4j2.statusLoggerLevel=ERROR"),
                KafkaNode.class.getName(), args, Map.of(), logs().resolve(name + ".out"));
    }

    private void startClickHouse() {
        process("clickhouse").start(JavaProcess.classPath(false), List.of("-Xmx512m", "-Dearshot.log.dir=" + logs(),
                        "-Dlog4j2.statusLoggerLevel=ERROR"),
                "org.earshot.jobs.cli.Earshot", List.of("clickhouse", "serve", "--data", dir.root().toString(),
                        "--port", String.valueOf(ports.clickhouse())), Map.of(), logs().resolve("clickhouse.out"));
    }

    private void startFlink(String kafkaPassword) {
        Map<String, String> shared = FlinkProcesses.shared(ports, dir.root());
        // A job's main runs in the JobManager: there it reads its secrets from the environment, never from its arguments.
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("EARSHOT_CLICKHOUSE_PASSWORD", clickhousePassword());
        EmbeddedKafka.clientProperties(kafkaPassword).forEach((k, v) ->
                environment.put("EARSHOT_KAFKA_CLIENT_" + k.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), v));
        Path jmConf = dir.root().resolve("flink/jobmanager");
        FlinkProcesses.writeConfig(jmConf, shared);
        process("jobmanager").start(JavaProcess.classPath(true), FlinkProcesses.jobManagerJvm(shared, jmConf, logs().resolve("jobmanager.log")),
                FlinkProcesses.JOBMANAGER_MAIN, List.of("--configDir", jmConf.toString()), environment, logs().resolve("jobmanager.out"));
        for (int i = 1; i <= 2; i++) {
            String name = "taskmanager-" + i;
            Map<String, String> conf = new LinkedHashMap<>(shared);
            conf.put("taskmanager.resource-id", name);
            conf.put("io.tmp.dirs", dir.root().resolve("flink").resolve(name).resolve("tmp").toString());
            Path confDir = dir.root().resolve("flink").resolve(name);
            FlinkProcesses.writeConfig(confDir, conf);
            process(name).start(JavaProcess.classPath(true), FlinkProcesses.taskManagerJvm(conf, confDir, logs().resolve(name + ".log")),
                    FlinkProcesses.TASKMANAGER_MAIN, FlinkProcesses.taskManagerArguments(conf, confDir), Map.of(),
                    logs().resolve(name + ".out"));
        }
    }

    private JavaProcess process(String name) {
        return new JavaProcess(name, dir.root().resolve("pids").resolve(name + ".pid"), dir.root().toString());
    }

    private Path logs() {
        return dir.root().resolve("logs");
    }

    /** A log4j2 configuration for a broker: its own log file, Kafka's chatter at WARN. */
    private Path log4j(String name) {
        Path conf = dir.root().resolve(name + "-log4j2.properties");
        try {
            java.nio.file.Files.writeString(conf, """
                    rootLogger.level = WARN
                    rootLogger.appenderRef.file.ref = File
                    appender.file.name = File
                    appender.file.type = File
                    appender.file.append = true
                    appender.file.fileName = %s
                    appender.file.layout.type = PatternLayout
                    appender.file.layout.pattern = %%d{yyyy-MM-dd HH:mm:ss,SSS} %%-5p %%c - %%m%%n
                    logger.earshot.name = org.earshot
                    logger.earshot.level = INFO
                    """.formatted(logs().resolve(name + ".log")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return conf;
    }

    private int brokersUp() {
        try (Admin admin = Admin.create(kafka().toProperties())) {
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        } catch (Exception e) {
            return 0;
        }
    }

    private boolean clickhouseAnswers() {
        try (Connection c = DriverManager.getConnection(clickhouseUrl(), "default", clickhousePassword())) {
            return c.isValid(3);
        } catch (SQLException e) {
            return false;
        }
    }

    /** TaskManagers registered with the JobManager, or -1 while its REST API does not answer. */
    private int taskManagers() {
        try (FlinkRest flink = new FlinkRest(jobManager())) {
            return flink.taskManagers();
        } catch (IllegalStateException notYet) {
            return -1;
        }
    }

    private void awaitUntil(long deadline, String what, BooleanSupplier ready) {
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not answer in time; see the logs in " + logs());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
