package org.earshot.jobs.settings;

import java.time.Duration;
import java.util.List;

/** The search index, kept by whatever process searches (the demo, the dashboards server, {@code earshot index rebuild}). */
public final class IndexKeys {
    public static final Setting<Duration> RETENTION = Setting.of("index.retention", SettingType.duration(true), Duration.ofDays(400),
            "mentions published longer ago leave the search index (as ClickHouse's TTL)");
    public static final Setting<Duration> COMMIT_INTERVAL = Setting.of("index.commit-interval", SettingType.duration(true),
            Duration.ofSeconds(2), "how often the index commits its changes with its position in the topic (what other processes see)");

    /**
     * Each refresh writes what was buffered as a new segment, and small segments mean more merging: at 500 ms the
     * soak's indexer fell 5 % behind a 5,000/s stream. A second (Elasticsearch's default too) is still sooner than an
     * analyst's next click.
     */
    public static final Setting<Duration> REFRESH_INTERVAL = Setting.of("index.refresh-interval", SettingType.duration(true),
            Duration.ofSeconds(1), "how soon a new mention shows up in searches in the process that indexes it");

    static final List<Setting<?>> ALL = List.of(RETENTION, COMMIT_INTERVAL, REFRESH_INTERVAL);

    private IndexKeys() {}
}
