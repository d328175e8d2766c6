package org.earshot.jobs.settings;

import java.time.Duration;
import java.util.List;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;

/** Where mentions and aggregates are stored, how the sink writes them, and how the embedded engine is served. */
public final class ClickHouseKeys {
    public static final Setting<String> URL = Setting.optional("clickhouse.url", SettingType.text(), "embedded engine",
            "an external ClickHouse (a JDBC URL, e.g. `jdbc:clickhouse:http://ch:8123/default`)");
    public static final Setting<String> USER = Setting.of("clickhouse.user", SettingType.text(), "default",
            "the ClickHouse user jobs write as");
    public static final Setting<String> PASSWORD = Setting.optional("clickhouse.password", SettingType.text(), "generated",
            "the password sent to ClickHouse; for the embedded engine, made on first use in `DATA/secrets/clickhouse.password` unless set")
            .asSecret();
    public static final Setting<String> CLUSTER = Setting.optional("clickhouse.cluster", SettingType.text(), "one server",
            "a ClickHouse cluster's name (in `remote_servers`): migrations make `Replicated*` tables on every shard, `Distributed` "
                    + "tables over them, `ON CLUSTER`");
    public static final Setting<String> EMBEDDED_HOST = Setting.of("clickhouse.embedded.host", SettingType.text(), "127.0.0.1",
            "the embedded engine's address");
    public static final Setting<List<String>> EMBEDDED_ALLOWED_HOSTS = Setting.of("clickhouse.embedded.allowed-hosts", SettingType.list(),
            List.of(), "more names its `Host` header may carry (comma-separated)");
    public static final Setting<List<String>> EMBEDDED_ALLOWED_ORIGINS = Setting.of("clickhouse.embedded.allowed-origins",
            SettingType.list(), List.of(), "web pages (`Origin` values) whose requests it serves, e.g. a Grafana");
    public static final Setting<Boolean> EMBEDDED_EXTERNAL_ACCESS = Setting.of("clickhouse.embedded.external-access", SettingType.bool(),
            false, "let statements use files, URLs, other servers and programs (`file()`, `url()`, `INTO OUTFILE`, …)");
    public static final Setting<Integer> EMBEDDED_PORT = Setting.optional("clickhouse.embedded.port", SettingType.port(), "any free port",
            "the embedded engine's HTTP port during `demo` and `run` (`clickhouse serve` takes `--port`)");
    public static final Setting<Integer> SINK_BATCH_ROWS = Setting.of("clickhouse.sink.batch-rows", SettingType.integer(1, Integer.MAX_VALUE),
            ClickHouseSinkOptions.DEFAULT_BATCH_ROWS, "rows per insert; batches are also cut at every checkpoint");
    public static final Setting<Duration> SINK_RETRY_TIMEOUT = Setting.of("clickhouse.sink.retry-timeout", SettingType.duration(true),
            Duration.ofMinutes(2), "how long an insert is retried while ClickHouse is unreachable before the job fails and restarts "
                    + "from its checkpoint");

    static final List<Setting<?>> ALL = List.of(URL, USER, PASSWORD, CLUSTER, EMBEDDED_HOST, EMBEDDED_ALLOWED_HOSTS, EMBEDDED_ALLOWED_ORIGINS,
            EMBEDDED_EXTERNAL_ACCESS, EMBEDDED_PORT, SINK_BATCH_ROWS, SINK_RETRY_TIMEOUT);

    private ClickHouseKeys() {}
}
