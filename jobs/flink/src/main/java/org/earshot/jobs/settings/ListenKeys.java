package org.earshot.jobs.settings;

import java.time.Duration;
import java.util.List;
import org.earshot.pipeline.validate.MentionParser;

/** The Listen job: checkpoints, deduplication, event time and its windows. */
public final class ListenKeys {
    public static final Setting<Duration> CHECKPOINT_INTERVAL = Setting.of("listen.checkpoint-interval", SettingType.duration(true),
            Duration.ofSeconds(5),
            "checkpoints, and so Kafka commits; on the heap backend, a stream near the machine's limit keeps up at 10 s where 5 s falls behind (each is a full snapshot)");
    public static final Setting<Duration> DEDUP_TTL = Setting.of("listen.dedup.ttl", SettingType.duration(true), Duration.ofDays(7),
            "how long ids and URLs are remembered");
    public static final Setting<Integer> MAX_TEXT_CHARS = Setting.of("listen.text.max-chars", SettingType.integer(1, Integer.MAX_VALUE),
            100_000, "longer texts are cut");
    public static final Setting<Duration> OUT_OF_ORDERNESS = Setting.of("listen.watermark.out-of-orderness", SettingType.duration(false),
            Duration.ofSeconds(30), "how far the watermark (event-time progress) trails the newest mention");
    public static final Setting<Duration> MAX_CLOCK_SKEW = Setting.of("listen.max-clock-skew", SettingType.duration(false),
            MentionParser.DEFAULT_MAX_CLOCK_SKEW, "how far a mention's `publishedAt` may run ahead of its `fetchedAt` (later, or before "
                    + "1990, it becomes the fetch time; the claim is kept in `publishedAtClaimed`)");
    public static final Setting<Duration> ALLOWED_LATENESS = Setting.of("listen.windows.allowed-lateness", SettingType.duration(false),
            Duration.ofMinutes(10), "how long a rule's minute stays open to late mentions after the watermark passed it; later ones "
                    + "are still counted, on their own");
    public static final Setting<String> GROUP_ID = Setting.of("listen.group-id", SettingType.text(), "earshot-listen",
            "the job's consumer group");

    static final List<Setting<?>> ALL = List.of(CHECKPOINT_INTERVAL, DEDUP_TTL, MAX_TEXT_CHARS, OUT_OF_ORDERNESS, MAX_CLOCK_SKEW,
            ALLOWED_LATENESS, GROUP_ID);

    private ListenKeys() {}
}
