package org.earshot.jobs.settings;

import java.time.Duration;
import java.util.List;

/** How the Listen job delivers keyword alerts (mail goes through the {@code reports.smtp.*} server). */
public final class AlertsKeys {
    public static final Setting<String> DASHBOARD_URL = Setting.optional("alerts.dashboard-url", SettingType.text(), "",
            "where links in alert messages lead: the dashboards server as analysts reach it (local runs: the one they start)");
    public static final Setting<String> LINK_KEY = Setting.optional("alerts.link-key", SettingType.text(), "",
            "signs the one-click acknowledge links in messages; the dashboards server must have the same (local runs: DATA/secrets/alerts.key)")
            .asSecret();
    public static final Setting<Integer> ATTEMPTS = Setting.of("alerts.delivery.attempts", SettingType.integer(1, 20), 5,
            "tries per channel before a notification is an ERROR and a dead letter");
    public static final Setting<Duration> BACKOFF = Setting.of("alerts.delivery.backoff", SettingType.duration(true), Duration.ofSeconds(2),
            "the wait before the second try; it doubles with each try after, with jitter, or follows the receiver's Retry-After");
    public static final Setting<Duration> TIMEOUT = Setting.of("alerts.delivery.timeout", SettingType.duration(true), Duration.ofSeconds(10),
            "the most one try may take");
    public static final Setting<Integer> PER_MINUTE = Setting.of("alerts.delivery.per-minute", SettingType.integer(1, 100_000), 60,
            "notifications a minute at most to one channel (one URL or one list of recipients); the rest wait their turn");
    public static final Setting<String> TEMPLATES = Setting.optional("alerts.templates", SettingType.text(), "",
            "a directory of Mustache templates that replace the bundled ones (email.html.mustache, email.txt.mustache, slack.md.mustache, teams.md.mustache)");

    static final List<Setting<?>> ALL = List.of(DASHBOARD_URL, LINK_KEY, ATTEMPTS, BACKOFF, TIMEOUT, PER_MINUTE, TEMPLATES);

    private AlertsKeys() {}
}
