package org.earshot.jobs;

import java.util.Locale;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.settings.StateKeys;

/**
 * The {@code state.*} settings as Flink configuration: the state backend (heap or RocksDB, incrementally checkpointed)
 * for every job, local or on a cluster, and the checkpoint folder for jobs on a cluster (local runs keep theirs in
 * the data directory).
 */
public final class JobState {
    private JobState() {}

    /** For local runs: the backend and incremental checkpoints, as {@code state.backend} and {@code state.incremental} say or default. */
    public static Configuration backend(EarshotConfig config) {
        return backend(config.get(StateKeys.BACKEND), config.get(StateKeys.INCREMENTAL));
    }

    /** A backend, checkpointed incrementally or not (the heap backend ignores it). */
    public static Configuration backend(StateKeys.Backend backend, boolean incremental) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, name(backend));
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, incremental);
        return conf;
    }

    /**
     * For a job's {@code main} on a cluster: only what the {@code state.*} settings say outright, so that what the
     * cluster's own {@code config.yaml} sets stands where they say nothing.
     */
    public static Configuration onCluster(EarshotConfig config) {
        Configuration conf = new Configuration();
        if (config.isSet(StateKeys.BACKEND)) conf.set(StateBackendOptions.STATE_BACKEND, name(config.get(StateKeys.BACKEND)));
        if (config.isSet(StateKeys.INCREMENTAL)) conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, config.get(StateKeys.INCREMENTAL));
        config.find(StateKeys.CHECKPOINTS).filter(d -> !d.isBlank()).ifPresent(d -> conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, d));
        return conf;
    }

    /** Flink's name of the backend: hashmap or rocksdb. */
    private static String name(StateKeys.Backend backend) {
        return backend.name().toLowerCase(Locale.ROOT);
    }
}
