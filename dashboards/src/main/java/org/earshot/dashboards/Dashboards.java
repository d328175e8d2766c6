package org.earshot.dashboards;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.earshot.dashboards.access.Access;
import org.earshot.dashboards.access.AccessRoutes;
import org.earshot.dashboards.access.Tokens;
import org.earshot.dashboards.reports.ReportRoutes;
import org.earshot.dashboards.reports.Reports;
import org.earshot.dashboards.rules.Projects;
import org.earshot.dashboards.rules.RuleBook;
import org.earshot.dashboards.rules.RuleRoutes;
import org.earshot.dashboards.search.SearchRoutes;
import org.earshot.dashboards.server.DashboardServer;
import org.earshot.dashboards.server.Route;
import org.earshot.dashboards.views.Scopes;
import org.earshot.dashboards.views.ViewCache;
import org.earshot.dashboards.views.ViewRoutes;
import org.earshot.dashboards.views.Views;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.pipeline.search.MentionIndex;

/**
 * The analysts' dashboards, put together: tokens and projects in ClickHouse, rules on {@code earshot.rules}, the
 * views on ClickHouse's tables, the mention stream on the search index this process keeps, all behind one server.
 */
public final class Dashboards implements AutoCloseable {
    public static final String VERSION = "1";

    private final DashboardServer server;
    private final Access access;
    private final ViewCache cache;

    private Dashboards(DashboardServer server, Access access, ViewCache cache) {
        this.server = server;
        this.access = access;
        this.cache = cache;
    }

    /**
     * Starts the server on {@code host:port} (0: any free port); the views' answers are kept for {@code cacheFor}
     * (zero: never kept).
     */
    public static Dashboards start(String host, int port, Database.Connector clickhouse, KafkaSettings kafka, MentionIndex index,
                                   Duration cacheFor) {
        Database db = new Database(clickhouse);
        Access access = new Access(new Tokens(db));
        RuleBook rules = new RuleBook(new RulesTopic(kafka));
        Projects projects = new Projects(db);
        Views views = new Views(db);
        Scopes scopes = new Scopes(rules, projects);
        ViewCache cache = new ViewCache(cacheFor);
        List<Route> routes = new ArrayList<>();
        routes.addAll(new AccessRoutes(access).routes());
        routes.addAll(new RuleRoutes(rules, projects).routes());
        ViewRoutes viewRoutes = new ViewRoutes(views, scopes, cache);
        routes.addAll(viewRoutes.routes());
        routes.addAll(new ReportRoutes(new Reports(views, scopes::names), views, scopes, viewRoutes).routes());
        routes.addAll(new SearchRoutes(index, views, scopes).routes());
        return new Dashboards(DashboardServer.start(host, port, access, routes, VERSION), access, cache);
    }

    public DashboardServer server() {
        return server;
    }

    public Access access() {
        return access;
    }

    public ViewCache cache() {
        return cache;
    }

    /** A link that signs its holder in once, within {@link Access#CODE_LIFETIME}, with the token {@code secret}. */
    public String signInLink(String secret) {
        return server.url() + "/#signin=" + access.signInCode(secret);
    }

    @Override
    public void close() {
        server.close();
    }
}
