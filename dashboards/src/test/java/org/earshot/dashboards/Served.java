package org.earshot.dashboards;

import java.nio.file.Path;
import org.earshot.dashboards.access.Role;
import org.earshot.dashboards.access.Tokens;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.pipeline.publish.Accounts;
import org.earshot.pipeline.publish.PublicationBook;
import org.earshot.pipeline.search.MentionIndex;
import org.earshot.pipeline.testing.EarshotClickHouse;
import org.earshot.pipeline.testing.EarshotKafka;
import org.earshot.schemas.Topics;

/**
 * The dashboards served on a free port of 127.0.0.1 against a real broker, the ClickHouse engine with Earshot's
 * tables, and a search index on disk; with a token of each role.
 */
record Served(Dashboards dashboards, MentionIndex index, ApiClient api, String viewer, String editor, String admin) implements AutoCloseable {
    /** The key of the acknowledge links in alert messages, as {@code alerts.link-key} gives it. */
    static final String ALERT_LINK_KEY = "test-alert-link-key";

    static Served start(EarshotKafka kafka, EarshotClickHouse clickhouse, Path dir) throws Exception {
        TopicAdmin.ensureTopics(kafka.settings(), 1, Topics.all());
        MentionIndex index = MentionIndex.open(dir.resolve("index"));
        Dashboards dashboards = Dashboards.start("127.0.0.1", 0, clickhouse.server()::connect, kafka.settings(), index,
                java.time.Duration.ofSeconds(10), null, ALERT_LINK_KEY, new PublicationBook(kafka.settings(), accounts(dir), java.time.Duration.ofMinutes(10)));
        Tokens tokens = new Tokens(new Database(clickhouse.server()::connect));
        return new Served(dashboards, index, new ApiClient(dashboards.server().url()), tokens.create("viewer", Role.VIEWER).secret(),
                tokens.create("editor", Role.EDITOR).secret(), tokens.create("admin", Role.ADMIN).secret());
    }

    /** The accounts the served dashboards publish from: {@code accounts.json} in the test's folder. */
    static Accounts accounts(Path dir) {
        return new Accounts(dir.resolve("accounts.json"));
    }

    @Override
    public void close() throws java.io.IOException {
        dashboards.close();
        index.close();
    }
}
