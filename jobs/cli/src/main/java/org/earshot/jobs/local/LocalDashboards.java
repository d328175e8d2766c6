package org.earshot.jobs.local;

import java.sql.SQLException;
import org.earshot.dashboards.Dashboards;
import org.earshot.dashboards.Database;
import org.earshot.dashboards.access.Role;
import org.earshot.dashboards.access.Tokens;
import org.earshot.pipeline.mail.Mailer;
import org.earshot.jobs.settings.DashboardsKeys;
import org.earshot.jobs.settings.PublishKeys;
import org.earshot.pipeline.publish.Accounts;
import org.earshot.pipeline.publish.PublicationBook;
import org.earshot.jobs.settings.ReportsKeys;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.settings.IndexKeys;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.search.MentionIndex;
import org.earshot.pipeline.search.MentionIndexer;

/**
 * The dashboards of a local Earshot (the demo, {@code earshot serve}): served on this process's services and search
 * index, and signed into with the data directory's own admin token, which is made on first use and kept in {@code
 * DATA/secrets/}{@value #ADMIN_TOKEN}. What is printed is a one-time sign-in link, never the token.
 */
public final class LocalDashboards {
    static final String ADMIN_TOKEN = "dashboards-admin.token";

    private LocalDashboards() {}

    public static Dashboards start(EarshotConfig config, LocalServices services, MentionIndex index) {
        return Dashboards.start(config.get(DashboardsKeys.HOST), config.get(DashboardsKeys.PORT), services.clickhouse()::connect,
                services.kafka().settings(), index, config.get(DashboardsKeys.CACHE), config.smtp().orElse(null), services.alertLinkKey(),
                new PublicationBook(services.kafka().settings(), new Accounts(services.accountsFile()), config.get(PublishKeys.GRACE)));
    }

    /**
     * The indexer that keeps this process's search index (the mention stream) up to date: refreshed, committed and
     * expired as the settings say.
     */
    public static MentionIndexer indexer(EarshotConfig config, KafkaSettings kafka, MentionIndex index) {
        return new MentionIndexer(kafka, index, config.get(IndexKeys.REFRESH_INTERVAL), config.get(IndexKeys.COMMIT_INTERVAL), config.get(IndexKeys.RETENTION));
    }

    /** A one-time link that signs the data directory's admin in, showing the last hour (what a fresh demo has). */
    public static String signInLink(Dashboards dashboards, ClickHouseConnection clickhouse, DataDirectory data) throws SQLException {
        return dashboards.signInLink(adminToken(new Tokens(new Database(clickhouse::connect)), data.secrets())) + "&range=1h";
    }

    /** The data directory's admin token: the one kept in its secrets if it is still live, else a new one kept there. */
    static String adminToken(Tokens tokens, SecretFiles secrets) throws SQLException {
        var kept = secrets.existing(ADMIN_TOKEN);
        if (kept.isPresent() && tokens.find(kept.get()).isPresent()) return kept.get();
        String secret = tokens.create("local admin", Role.ADMIN).secret();
        secrets.write(ADMIN_TOKEN, secret);
        return secret;
    }
}
