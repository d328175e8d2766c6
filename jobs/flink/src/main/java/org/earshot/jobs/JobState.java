package org.earshot.jobs;

import java.util.Locale;
import org.apache.flink.changelog.fs.FsStateChangelogOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.settings.StateKeys;

/**
 * The {@code state.*} settings as Flink configuration: the state backend (heap or RocksDB, incrementally checkpointed,
 * with or without a log of its changes) for every job, local or on a cluster, and the checkpoint folder for jobs on a
 * cluster (local runs keep theirs in the data directory).
 */
public final class JobState {
    /** The folder under the checkpoint folder where the state changes are logged (Flink's file system changelog). */
    public static final String CHANGELOG_FOLDER = "changelog";

    private JobState() {}

    /** For local runs: the backend, incremental checkpoints and the changelog, as the {@code state.*} settings say or default. */
    public static Configuration backend(EarshotConfig config) {
        Configuration conf = backend(config.get(StateKeys.BACKEND), config.get(StateKeys.INCREMENTAL));
        changelog(conf, config.get(StateKeys.CHANGELOG));
        return conf;
    }

    /** A backend, checkpointed incrementally or not (the heap backend ignores it), without a changelog. */
    public static Configuration backend(StateKeys.Backend backend, boolean incremental) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, name(backend));
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, incremental);
        changelog(conf, false);
        return conf;
    }

    /**
     * Turns the changelog on or off. Its folder is not said here: a local run keeps it under its own checkpoint folder
     * ({@link #changelogUnder}), a job on a cluster under {@code state.checkpoints}. A job restored with the changelog
     * on claims the checkpoint it starts from: the changelog backend cannot take the full snapshot Flink's default
     * (no claim) asks of the first checkpoint after a restore, so every checkpoint of that run would fail.
     */
    public static Configuration changelog(Configuration conf, boolean enabled) {
        conf.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, enabled);
        if (enabled) {
            conf.set(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE, "filesystem");
            conf.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
        }
        return conf;
    }

    /** Where a job that checkpoints to {@code checkpoints} (a URI) logs its state changes, when the changelog is on. */
    public static void changelogUnder(Configuration conf, String checkpoints) {
        if (conf.get(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG)) {
            conf.set(FsStateChangelogOptions.BASE_PATH, checkpoints.replaceAll("/+$", "") + "/" + CHANGELOG_FOLDER);
        }
    }

    /**
     * For a job's {@code main} on a cluster: only what the {@code state.*} settings say outright, so that what the
     * cluster's own {@code config.yaml} sets stands where they say nothing.
     */
    public static Configuration onCluster(EarshotConfig config) {
        Configuration conf = new Configuration();
        if (config.isSet(StateKeys.BACKEND)) conf.set(StateBackendOptions.STATE_BACKEND, name(config.get(StateKeys.BACKEND)));
        if (config.isSet(StateKeys.INCREMENTAL)) conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, config.get(StateKeys.INCREMENTAL));
        if (config.isSet(StateKeys.CHANGELOG)) changelog(conf, config.get(StateKeys.CHANGELOG));
        config.find(StateKeys.CHECKPOINTS).filter(d -> !d.isBlank()).ifPresent(d -> {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, d);
            changelogUnder(conf, d);
        });
        return conf;
    }

    /** Flink's name of the backend: hashmap or rocksdb. */
    private static String name(StateKeys.Backend backend) {
        return backend.name().toLowerCase(Locale.ROOT);
    }
}
