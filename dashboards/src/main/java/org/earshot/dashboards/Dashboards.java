package org.earshot.dashboards;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.earshot.dashboards.access.Access;
import org.earshot.dashboards.alerts.AlertLog;
import org.earshot.dashboards.publish.KnownMentions;
import org.earshot.dashboards.publish.PublishRoutes;
import org.earshot.pipeline.publish.PublicationBook;
import org.earshot.dashboards.alerts.AlertRoutes;
import org.earshot.dashboards.alerts.SubscriptionBook;
import org.earshot.dashboards.access.AccessRoutes;
import org.earshot.dashboards.access.Tokens;
import org.earshot.dashboards.reports.ReportRoutes;
import org.earshot.dashboards.reports.Reports;
import org.earshot.dashboards.rules.Projects;
import org.earshot.pipeline.mail.Mailer;
import org.earshot.dashboards.schedules.ReportScheduler;
import org.earshot.dashboards.schedules.ScheduleRoutes;
import org.earshot.dashboards.schedules.Schedules;
import org.earshot.dashboards.rules.RuleBook;
import org.earshot.dashboards.rules.RuleRoutes;
import org.earshot.dashboards.search.SearchRoutes;
import org.earshot.dashboards.server.DashboardServer;
import org.earshot.dashboards.server.Route;
import org.earshot.dashboards.views.Scopes;
import org.earshot.dashboards.views.ViewCache;
import org.earshot.dashboards.views.ViewRoutes;
import org.earshot.dashboards.views.Views;
import org.earshot.pipeline.kafka.CompactedTopic;
import org.earshot.schemas.Topics;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.pipeline.search.MentionIndex;

/**
 * The analysts' dashboards, put together: tokens and projects in ClickHouse, rules on {@code earshot.rules}, the
 * views on ClickHouse's tables, the mention stream on the search index this process keeps, all behind one server.
 */
public final class Dashboards implements AutoCloseable {
    public static final String VERSION = "1";

    /** How often the report scheduler looks for reports due. */
    static final Duration SCHEDULER_EVERY = Duration.ofSeconds(30);

    private final DashboardServer server;
    private final Access access;
    private final ViewCache cache;
    private final ReportScheduler scheduler;

    private Dashboards(DashboardServer server, Access access, ViewCache cache, ReportScheduler scheduler) {
        this.server = server;
        this.access = access;
        this.cache = cache;
        this.scheduler = scheduler;
    }

    /**
     * Starts the server on {@code host:port} (0: any free port); the views' answers are kept for {@code cacheFor}
     * (zero: never kept); scheduled reports are mailed through {@code smtp} (null: kept, not sent).
     */
    public static Dashboards start(String host, int port, Database.Connector clickhouse, KafkaSettings kafka, MentionIndex index,
                                   Duration cacheFor, Mailer.Smtp smtp) {
        return start(host, port, clickhouse, kafka, index, cacheFor, smtp, null);
    }

    /** The same, with the key that checks the acknowledge links in alert messages ({@code alerts.link-key}; null: refused). */
    public static Dashboards start(String host, int port, Database.Connector clickhouse, KafkaSettings kafka, MentionIndex index,
                                   Duration cacheFor, Mailer.Smtp smtp, String alertLinkKey) {
        return start(host, port, clickhouse, kafka, index, cacheFor, smtp, alertLinkKey, null);
    }

    /** The same, with the publications replies and posts go to ({@code /api/v1/publications}; null: none from here). */
    public static Dashboards start(String host, int port, Database.Connector clickhouse, KafkaSettings kafka, MentionIndex index,
                                   Duration cacheFor, Mailer.Smtp smtp, String alertLinkKey, PublicationBook publications) {
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
        Reports reports = new Reports(views, scopes::names);
        routes.addAll(new ReportRoutes(reports, views, scopes, viewRoutes).routes());
        Schedules schedules = new Schedules(db);
        routes.addAll(new ScheduleRoutes(schedules, scopes, smtp != null, Clock.systemUTC()).routes());
        routes.addAll(new SearchRoutes(index, views, scopes).routes());
        SubscriptionBook subscriptions = new SubscriptionBook(new CompactedTopic<>(kafka, Topics.SUBSCRIPTIONS), rules, projects);
        routes.addAll(new AlertRoutes(new AlertLog(db, kafka), subscriptions, alertLinkKey, Clock.systemUTC()).routes());
        if (publications != null) routes.addAll(new PublishRoutes(publications, new KnownMentions(db), Clock.systemUTC()).routes());
        DashboardServer server = DashboardServer.start(host, port, access, routes, VERSION);
        ReportScheduler scheduler = smtp == null ? null
                : new ReportScheduler(schedules, reports, scopes, views, new Mailer(smtp), Clock.systemUTC()).start(SCHEDULER_EVERY);
        return new Dashboards(server, access, cache, scheduler);
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
        if (scheduler != null) scheduler.close();
        server.close();
    }
}
