package org.earshot.jobs.settings;

import java.time.Duration;
import java.util.List;

/** How the Publish job sends replies and scheduled posts. */
public final class PublishKeys {
    public static final Setting<String> ACCOUNTS = Setting.optional("publish.accounts", SettingType.text(), "DATA/accounts.json (local runs)",
            "the accounts file earshot accounts writes; on a cluster, a path every TaskManager can read");
    public static final Setting<String> ACCOUNTS_KEY = Setting.optional("publish.accounts-key", SettingType.text(), "",
            "the passphrase (12 characters or more) that encrypts and opens account credentials stored with --password-stdin or --token-stdin")
            .asSecret();
    public static final Setting<Integer> PER_MINUTE = Setting.of("publish.per-minute", SettingType.integer(1, 6_000), 30,
            "posts a minute at most from one account; the rest wait their turn");
    public static final Setting<Integer> ATTEMPTS = Setting.of("publish.attempts", SettingType.integer(1, 20), 5,
            "tries per publication (429 and 5xx answers, timeouts) before it is failed");
    public static final Setting<Duration> BACKOFF = Setting.of("publish.backoff", SettingType.duration(true), Duration.ofSeconds(5),
            "the wait before the second try; it doubles with each try after, or follows the network's rate-limit reset");
    public static final Setting<Duration> TIMEOUT = Setting.of("publish.timeout", SettingType.duration(true), Duration.ofSeconds(15),
            "the most one request to a network may take");
    public static final Setting<Duration> GRACE = Setting.of("publish.grace", SettingType.duration(true), Duration.ofMinutes(10),
            "how far before the moment it was asked for a scheduled time may be and still go out (at once); earlier is refused");
    public static final Setting<Duration> CHECKPOINT_INTERVAL = Setting.of("publish.checkpoint-interval", SettingType.duration(true), Duration.ofSeconds(5),
            "how often the Publish job commits its state and its results");
    public static final Setting<String> GROUP_ID = Setting.of("publish.group-id", SettingType.text(), "earshot-publish",
            "the consumer group of the Publish job's publications source");

    static final List<Setting<?>> ALL = List.of(ACCOUNTS, ACCOUNTS_KEY, PER_MINUTE, ATTEMPTS, BACKOFF, TIMEOUT, GRACE, CHECKPOINT_INTERVAL, GROUP_ID);

    private PublishKeys() {}
}
