package org.earshot.jobs.settings;

import java.time.Duration;
import java.util.List;

/** The dashboards server of {@code earshot serve} and the demo. */
public final class DashboardsKeys {
    public static final Setting<String> HOST = Setting.of("dashboards.host", SettingType.text(), "127.0.0.1",
            "the dashboards' address; every route but health, the API document and sign-in needs a token wherever it listens");
    public static final Setting<Integer> PORT = Setting.of("dashboards.port", SettingType.integer(0, 65_535), 8080,
            "the dashboards' port (0: any free one)");

    public static final Setting<Duration> CACHE = Setting.of("dashboards.cache", SettingType.duration(false), Duration.ofSeconds(10),
            "how long a view's answer is kept and shared by everyone asking for it, and the step a range ending now is rounded to (0: never kept)");

    static final List<Setting<?>> ALL = List.of(HOST, PORT, CACHE);

    private DashboardsKeys() {}
}
