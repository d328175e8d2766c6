package org.earshot.dashboards.schedules;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.earshot.dashboards.access.Role;
import org.earshot.dashboards.server.ApiException;
import org.earshot.dashboards.server.Params;
import org.earshot.dashboards.server.Route;
import org.earshot.dashboards.views.Scopes;

/** {@code /api/v1/reports/schedules}: reports emailed daily or weekly, listed with what was sent, made and deleted. */
public final class ScheduleRoutes {
    private static final String TAG = "reports";

    /** A schedule as the API takes it; {@code rule} or {@code project}. */
    public record Body(String rule, String project, String every, String weekday, String at, String zone, String format, List<String> recipients) {}

    private final Schedules schedules;
    private final Scopes scopes;
    private final boolean mailing;
    private final Clock clock;

    /** @param mailing whether this server sends the reports (SMTP is configured), told with every list */
    public ScheduleRoutes(Schedules schedules, Scopes scopes, boolean mailing, Clock clock) {
        this.schedules = schedules;
        this.scopes = scopes;
        this.mailing = mailing;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/reports/schedules", Role.VIEWER, TAG, "Scheduled reports, each with its newest deliveries", List.of(), (ctx, c) -> {
                    List<Map<String, Object>> all = new ArrayList<>();
                    for (Schedule s : schedules.list()) {
                        Map<String, Object> m = s.describe(clock.instant());
                        m.put("deliveries", schedules.deliveries(s.id(), 5).stream().map(d -> Map.of("periodEnd", d.periodEnd().toString(),
                                "sent", d.sentAt().toString(), "bytes", d.bytes(), "error", d.error())).toList());
                        all.add(m);
                    }
                    return Map.of("sending", mailing, "schedules", all);
                }),
                Route.post("/api/v1/reports/schedules", Role.EDITOR, TAG, "Email a report daily or weekly at a local time",
                        "{rule or project, every: day|week, weekday, at: HH:mm, zone, format: pdf|pptx|xlsx, recipients: [address, …]}", (ctx, caller) -> {
                            Body b = Params.body(ctx, Body.class);
                            if ((b.rule() == null) == (b.project() == null)) throw ApiException.badRequest("give one of 'rule' or 'project'");
                            String kind = b.rule() != null ? "rule" : "project";
                            String id = b.rule() != null ? scopes.rule(b.rule()).id() : scopes.project(b.project()).id();
                            Schedule s;
                            try {
                                s = Schedule.of(kind, id, b.format(), b.every(), b.weekday(), b.at(), b.zone(), b.recipients(), caller.name(),
                                        clock.instant());
                            } catch (IllegalArgumentException e) {
                                throw ApiException.badRequest(Params.abbreviate(e.getMessage()));
                            }
                            schedules.put(s);
                            ctx.status(201);
                            return s.describe(clock.instant());
                        }),
                Route.delete("/api/v1/reports/schedules/{id}", Role.EDITOR, TAG, "Stop a scheduled report", (ctx, c) -> {
                    if (!schedules.delete(ctx.pathParam("id"))) throw ApiException.notFound("no schedule '" + Params.abbreviate(ctx.pathParam("id")) + "'");
                    return null;
                }));
    }
}
