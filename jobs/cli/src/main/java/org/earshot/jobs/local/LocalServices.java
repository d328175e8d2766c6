package org.earshot.jobs.local;

import org.earshot.jobs.settings.AlertsKeys;
import org.earshot.jobs.settings.PublishKeys;
import java.nio.file.Path;
import org.earshot.jobs.settings.ClickHouseKeys;
import org.earshot.jobs.settings.DashboardsKeys;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.ListenOptions;
import org.earshot.jobs.Migrations;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.pipeline.clickhouse.sink.Urls;

/**
 * The stores a local job runs against, opened together: Kafka and ClickHouse, each the
 * configured one or embedded in this process, with the ClickHouse schema migrated. Closed in
 * reverse order once the job is stopped.
 */
public final class LocalServices implements AutoCloseable {
    /** The secret that signs the acknowledge links of alert messages, unless {@code alerts.link-key} is set. */
    static final String ALERT_LINK_KEY = "alerts.key";

    private final EarshotConfig config;
    private final DataDirectory data;
    private final KafkaConnection kafka;
    private final ClickHouseConnection clickhouse;

    private LocalServices(EarshotConfig config, DataDirectory data, KafkaConnection kafka, ClickHouseConnection clickhouse) {
        this.config = config;
        this.data = data;
        this.kafka = kafka;
        this.clickhouse = clickhouse;
    }

    public static LocalServices open(EarshotConfig config, DataDirectory data) {
        KafkaConnection kafka = KafkaConnection.open(config, data);
        ClickHouseConnection clickhouse = null;
        try {
            clickhouse = ClickHouseConnection.open(config, data, config.find(ClickHouseKeys.EMBEDDED_PORT).orElse(0));
            LocalServices services = new LocalServices(config, data, kafka, clickhouse);
            Migrations.apply(services.clickhouseSink(), config);
            return services;
        } catch (RuntimeException e) {
            if (clickhouse != null) clickhouse.close();
            kafka.close();
            throw e;
        }
    }

    public KafkaConnection kafka() {
        return kafka;
    }

    public ClickHouseConnection clickhouse() {
        return clickhouse;
    }

    /** How jobs write to this ClickHouse. */
    public ClickHouseSinkOptions clickhouseSink() {
        return ListenOptions.clickhouse(config, clickhouse.jdbcUrl()).withCredentials(clickhouse.user(), clickhouse.password());
    }

    /** The Listen job's options against these stores; alert messages link to the dashboards this process serves. */
    public ListenOptions listenOptions() {
        ListenOptions options = ListenOptions.from(config, kafka.settings()).withClickHouse(clickhouseSink());
        String dashboard = options.alerts().dashboardUrl() != null ? options.alerts().dashboardUrl()
                : "http://" + config.get(DashboardsKeys.HOST) + ":" + config.get(DashboardsKeys.PORT);
        return options.withAlerts(options.alerts().withLinks(dashboard, alertLinkKey()));
    }

    /** What signs and checks the acknowledge links of alert messages: {@code alerts.link-key}, or the data directory's own. */
    public String alertLinkKey() {
        return config.find(AlertsKeys.LINK_KEY).filter(k -> !k.isBlank()).orElseGet(() -> data.secrets().get(ALERT_LINK_KEY));
    }

    /** The accounts file replies and posts go out from: {@code publish.accounts}, else {@code DATA/accounts.json}. */
    public Path accountsFile() {
        return accountsFile(config, data);
    }

    /** The accounts file of this configuration and data directory. */
    public static Path accountsFile(EarshotConfig config, DataDirectory data) {
        return config.find(PublishKeys.ACCOUNTS).filter(f -> !f.isBlank()).map(Path::of).orElseGet(() -> data.root().resolve("accounts.json"));
    }

    public String description() {
        return kafka.description() + ", ClickHouse at " + Urls.redacted(clickhouse.jdbcUrl());
    }

    /** Rows in a ClickHouse table now, or -1 when ClickHouse does not answer. */
    public long rows(String table) {
        try (Connection c = clickhouse.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count() FROM " + table)) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            clickhouse.close();
        } finally {
            kafka.close();
        }
    }
}
