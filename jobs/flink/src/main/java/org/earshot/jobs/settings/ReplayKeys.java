package org.earshot.jobs.settings;

import java.time.Duration;
import java.util.List;
import org.earshot.pipeline.ingest.ReplayFormat;

/** The Replay job on a cluster (the {@code earshot replay} command takes options instead). */
public final class ReplayKeys {
    public static final Setting<String> FILE = Setting.optional("replay.file", SettingType.text(), "",
            "the file or folder the Replay job reads, on any file system Flink reads (`s3://…`)");
    public static final Setting<ReplayFormat> FORMAT = Setting.optional("replay.format", SettingType.oneOf(ReplayFormat.class),
            "from the file's name", "how its lines read: `jsonl`, `csv` or `text`");
    public static final Setting<Double> RATE = Setting.of("replay.rate", SettingType.decimal(0), 0.0,
            "lines per second (`0`: as fast as they go)");
    public static final Setting<Duration> CHECKPOINT_INTERVAL = Setting.of("replay.checkpoint-interval", SettingType.duration(true),
            Duration.ofSeconds(5), "the Replay job's checkpoints");

    static final List<Setting<?>> ALL = List.of(FILE, FORMAT, RATE, CHECKPOINT_INTERVAL);

    private ReplayKeys() {}
}
