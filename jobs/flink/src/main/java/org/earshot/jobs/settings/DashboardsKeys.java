package org.earshot.jobs.settings;

import java.util.List;

/** The dashboards server of {@code earshot serve} and the demo. */
public final class DashboardsKeys {
    public static final Setting<String> HOST = Setting.of("dashboards.host", SettingType.text(), "127.0.0.1",
            "the dashboards' address; every route but health, the API document and sign-in needs a token wherever it listens");
    public static final Setting<Integer> PORT = Setting.of("dashboards.port", SettingType.integer(0, 65_535), 8080,
            "the dashboards' port (0: any free one)");

    static final List<Setting<?>> ALL = List.of(HOST, PORT);

    private DashboardsKeys() {}
}
