package org.earshot.jobs.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Flink on a MiniCluster in this JVM, checkpointing to a folder, every socket of it on 127.0.0.1. A job is stopped with a
 * savepoint in that folder (or, failing that, cancelled with its last checkpoint kept), and the
 * next run resumes from the newest of them.
 */
public final class LocalFlink {
    private LocalFlink() {}

    /**
     * An environment that checkpoints every {@code interval} to {@code checkpointDir} and, unless
     * {@code fresh}, restores the newest checkpoint found there.
     */
    public static StreamExecutionEnvironment environment(Path checkpointDir, Duration interval, int parallelism, boolean fresh) {
        return environment(checkpointDir, interval, parallelism, fresh, new Configuration());
    }

    /** The same, with the state backend of {@code state} ({@code JobState.backend}: the heap, or RocksDB). */
    public static StreamExecutionEnvironment environment(Path checkpointDir, Duration interval, int parallelism, boolean fresh, Configuration state) {
        Configuration conf = new Configuration(state);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        // Accumulators reach the live view with each heartbeat.
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        // Records are POJOs with Flink serializers; a Kryo fallback is a bug to see, not to hide.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // Operators never keep a record after passing it on, so chained operators may share it.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        listenOnLoopbackOnly(conf);
        if (!fresh) {
            latestCheckpoint(checkpointDir).ifPresent(p -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, p.toString()));
            // A newer Earshot may have dropped an operator; its old state is not a reason to refuse to start.
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        env.enableCheckpointing(interval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        return env;
    }

    /**
     * Stops a job with a savepoint under {@code checkpointDir}, so that its sinks commit what it
     * has read (a stop between checkpoints would otherwise leave the last seconds for the next
     * run), and waits until every task has ended. Older savepoints there are deleted. When no
     * savepoint can be taken in time (the job is restarting, say), it is cancelled instead.
     *
     * @return whether the job stopped with a savepoint
     */
    public static boolean stop(JobClient job, Path checkpointDir, Duration timeout) throws InterruptedException {
        Path savepoints = checkpointDir.resolve(SAVEPOINTS);
        try {
            String taken = job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            deleteOlderSavepoints(savepoints, Path.of(java.net.URI.create(taken)).getFileName().toString());
            cancel(job, timeout); // already finished: this waits for its tasks to end
            return true;
        } catch (ExecutionException | TimeoutException | IllegalStateException | IllegalArgumentException e) {
            cancel(job, timeout);
            return false;
        }
    }

    private static final String SAVEPOINTS = "savepoints";
    private static final String LOOPBACK = "127.0.0.1";

    /**
     * The local cluster's sockets (REST, blob server, RPC and data ports) on 127.0.0.1 only, and
     * its REST endpoint behind a key made for this run and given to nobody: Flink's REST API runs
     * any job it is sent, and nothing local needs it (jobs are driven through the cluster object).
     */
    private static void listenOnLoopbackOnly(Configuration conf) {
        conf.set(RestOptions.ADDRESS, LOOPBACK);
        conf.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(JobManagerOptions.ADDRESS, LOOPBACK);
        conf.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(TaskManagerOptions.HOST, LOOPBACK);
        conf.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(WebOptions.SUBMIT_ENABLE, false);
        conf.set(WebOptions.ACCESS_CONTROL_ALLOW_ORIGIN, "http://127.0.0.1");
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        conf.set(RestKeyCheck.KEY, HexFormat.of().formatHex(key));
    }

    private static void deleteOlderSavepoints(Path savepoints, String keep) {
        try (Stream<Path> old = Files.list(savepoints)) {
            for (Path dir : old.filter(p -> !p.getFileName().toString().equals(keep)).toList()) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            // An old savepoint left behind is only disk space; the newest is what the next run reads.
        }
    }

    /**
     * Cancels a job and waits until every task has ended, so that no sink of it still writes when
     * the caller stops Kafka or ClickHouse (a producer left behind would retry into whatever
     * listens on that port next). The last checkpoint is kept.
     */
    public static void cancel(JobClient job, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            job.cancel().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            // Already ended, or its cluster is gone: either way, wait for the end below.
        }
        while (System.nanoTime() < deadline) {
            try {
                if (job.getJobStatus().get(5, TimeUnit.SECONDS).isGloballyTerminalState()) return;
            } catch (ExecutionException | TimeoutException | IllegalStateException e) {
                return; // the job's cluster has shut down, and its tasks with it
            }
            Thread.sleep(50);
        }
    }

    /**
     * The newest completed checkpoint or savepoint under {@code dir}: a {@code chk-N} or {@code
     * savepoint-…} folder with {@code _metadata}.
     */
    public static Optional<Path> latestCheckpoint(Path dir) {
        if (!Files.isDirectory(dir)) return Optional.empty();
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.find(dir, 3, (p, attrs) -> p.getFileName().toString().equals("_metadata")
                    && (p.getParent().getFileName().toString().startsWith("chk-")
                        || p.getParent().getFileName().toString().startsWith("savepoint-")))) {
                return files.max(Comparator.comparing(LocalFlink::modified)).map(Path::getParent);
            } catch (UncheckedIOException e) {
                // Flink removed an old checkpoint while we walked past it (it keeps only the newest): look again.
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException) || attempt == 5) {
                    throw new UncheckedIOException("cannot look for checkpoints in " + dir, e.getCause());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot look for checkpoints in " + dir, e);
            }
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0L;
        }
    }
}
