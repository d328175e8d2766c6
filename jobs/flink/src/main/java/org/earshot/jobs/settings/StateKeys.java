package org.earshot.jobs.settings;

import java.util.List;

/** Where the jobs keep their state while they run, and where they checkpoint it on a cluster. */
public final class StateKeys {
    /** Flink's two state backends. */
    public enum Backend { HASHMAP, ROCKSDB }

    public static final Setting<Backend> BACKEND = Setting.of("state.backend", SettingType.oneOf(Backend.class), Backend.HASHMAP,
            "where keyed state lives while a job runs: hashmap (Java objects on the heap; fastest while it fits) or rocksdb "
                    + "(serialized on local disk, incremental checkpoints: for weeks of dedup state at firehose rates); on a cluster, unset leaves the cluster's own");
    public static final Setting<Boolean> INCREMENTAL = Setting.of("state.incremental", SettingType.bool(), true,
            "rocksdb: a checkpoint uploads only the files written since the one before; on a cluster, unset leaves the cluster's own");
    public static final Setting<String> CHECKPOINTS = Setting.optional("state.checkpoints", SettingType.text(),
            "DATA/checkpoints/JOB (local runs); the cluster's own (flink run)",
            "where a job on a cluster checkpoints: a folder the JobManager and every TaskManager share, e.g. file:///mnt/earshot/checkpoints "
                    + "or s3://bucket/earshot/checkpoints (with Flink's S3 file system plugin)");

    static final List<Setting<?>> ALL = List.of(BACKEND, INCREMENTAL, CHECKPOINTS);

    private StateKeys() {}
}
