package org.earshot.dashboards.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.earshot.dashboards.access.Access;
import org.earshot.dashboards.access.Caller;
import org.earshot.schemas.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboards' HTTP server (Javalin on Jetty): the API under {@code /api/v1}, every route from a {@link Route}
 * list, each behind the access check its role asks for, described at {@code /api/v1/openapi.json}. Every answer is
 * JSON, an error's {@code {"error": "…"}}. It listens on 127.0.0.1 unless told otherwise, and nothing but health,
 * the document and sign-in answers without a token. Requests are not logged, so no token or code reaches a log.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    public static final String OPENAPI = "/api/v1/openapi.json";
    /**
     * The page runs its own scripts only (no inline script, nothing from elsewhere) and may not be framed; inline
     * styles are allowed because the chart library positions its tooltips with them.
     */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    /**
     * Where the page's files lie on the classpath: a folder of Earshot's own name, because the command line's
     * classpath also holds Flink's web UI, whose {@code web/index.html} was served at {@code /} in place of ours.
     */
    public static final String PAGE_FILES = "/org/earshot/dashboards/web";

    private final Javalin app;
    private final List<Route> routes;
    private final String host;

    private DashboardServer(Javalin app, List<Route> routes, String host) {
        this.app = app;
        this.routes = routes;
        this.host = host;
    }

    /** Starts serving {@code routes} on {@code host:port} (port 0: any free one). */
    public static DashboardServer start(String host, int port, Access access, List<Route> api, String version) {
        List<Route> routes = new ArrayList<>(api);
        routes.add(Route.get("/api/v1/health", null, "access", "Whether the server answers", List.of(), (ctx, c) -> Map.of("status", "ok")));
        // The document describes itself too: its route is in the list it is made from, and answers what was made.
        AtomicReference<Map<String, Object>> document = new AtomicReference<>();
        routes.add(Route.get(OPENAPI, null, "access", "This document", List.of(), (ctx, c) -> document.get()));
        document.set(OpenApi.document(List.copyOf(routes), version));
        Javalin app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = PAGE_FILES;
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Content-Security-Policy", PAGE_POLICY, "X-Content-Type-Options", "nosniff",
                        "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY");
            });
            for (Route r : routes) config.routes.addHttpHandler(HandlerType.findOrCreate(r.method()), r.path(), ctx -> handle(ctx, r, access));
            config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.toString(), e);
                error(ctx, 500, "internal error; the server's log says more");
            });
            config.routes.error(404, ctx -> {
                // An answer of ours (an unknown rule, say) is JSON already; Javalin's own "not found" is not.
                if (!"application/json".equals(ctx.res().getContentType())) error(ctx, 404, "no such route: " + ctx.method() + " " + Params.abbreviate(ctx.path()));
            });
            config.routes.error(405, ctx -> error(ctx, 405, "method not allowed"));
            config.routes.after(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.header("Cache-Control", "no-store");
            });
        }).start();
        LOG.info("dashboards serve http://{}:{}", host, app.port());
        return new DashboardServer(app, List.copyOf(routes), host);
    }

    private static void handle(Context ctx, Route r, Access access) throws Exception {
        Caller caller = r.role() == null ? null : access.require(ctx, r.role());
        Object answer = r.action().handle(ctx, caller);
        if (answer == null) {
            ctx.status(204);
            return;
        }
        if (answer instanceof Download file) {
            ctx.contentType(file.contentType()).header("Content-Disposition", "attachment; filename=\"" + file.filename() + "\"");
            try (java.io.OutputStream out = ctx.outputStream()) {
                file.body().writeTo(out);
            }
            return;
        }
        ctx.contentType("application/json").result(Json.toBytes(answer));
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json").result(Json.toBytes(Map.of("error", message)));
    }

    /** Every route served, the OpenAPI document's own included. */
    public List<Route> routes() {
        return routes;
    }

    /** The routes Javalin actually registered, as {@code METHOD path}. */
    public List<String> registered() {
        return app.unsafe.internalRouter.allHttpHandlers().stream().filter(e -> e.endpoint.method.isHttpMethod()).map(e -> e.endpoint.method + " " + e.endpoint.path).toList();
    }

    public int port() {
        return app.port();
    }

    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
