package org.earshot.jobs.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The Ingest job and the webhook: which sources, which private hosts they may reach, where the webhook listens. */
public final class IngestKeys {
    public static final Setting<Path> SOURCES = Setting.optional("ingest.sources", SettingType.path(), "",
            "the sources file of `run ingest` and the Ingest job");
    public static final Setting<Boolean> ALLOW_PRIVATE = Setting.of("ingest.allow-private", SettingType.bool(), false,
            "let each source fetch from its own host when that is a loopback or private address (a local mirror); never where it redirects");
    public static final Setting<List<String>> ALLOW_PRIVATE_HOSTS = Setting.of("ingest.allow-private-hosts", SettingType.list(), List.of(),
            "hosts (as written in URLs, comma-separated) that may be loopback or private");
    public static final Setting<Duration> CHECKPOINT_INTERVAL = Setting.of("ingest.checkpoint-interval", SettingType.duration(true),
            Duration.ofSeconds(10), "the Ingest job's checkpoints (cluster runs)");
    public static final Setting<Integer> WEBHOOK_PORT = Setting.optional("ingest.webhook.port", SettingType.port(), "off",
            "serve the webhook on this port (`run ingest`; the demo always serves it, on a free port unless set)");
    public static final Setting<String> WEBHOOK_HOST = Setting.of("ingest.webhook.host", SettingType.text(), "127.0.0.1",
            "the webhook's address");
    public static final Setting<String> WEBHOOK_TOKEN = Setting.optional("ingest.webhook.token", SettingType.text(), "",
            "the webhook's bearer token (at least 16 characters); the demo makes one up and keeps it in `DATA/secrets/webhook.token`")
            .asSecret();

    static final List<Setting<?>> ALL = List.of(SOURCES, ALLOW_PRIVATE, ALLOW_PRIVATE_HOSTS, CHECKPOINT_INTERVAL, WEBHOOK_PORT,
            WEBHOOK_HOST, WEBHOOK_TOKEN);

    private IngestKeys() {}
}
