package org.earshot.dashboards.alerts;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.earshot.dashboards.access.Role;
import org.earshot.dashboards.server.ApiException;
import org.earshot.dashboards.server.Param;
import org.earshot.dashboards.server.Params;
import org.earshot.dashboards.server.Route;
import org.earshot.pipeline.alerts.AckLinks;
import org.earshot.schemas.Alert;
import org.earshot.schemas.Subscription;

/**
 * {@code /api/v1/alerts}: the alerts raised, each with its history, acknowledged by a signed-in analyst or through the
 * signed link in its message; and {@code /api/v1/alerts/subscriptions}, the subscriptions that raise them.
 */
public final class AlertRoutes {
    private static final String TAG = "alerts";

    /** What a link in a message carries: the alert and its signature. */
    public record LinkAck(String alert, String sig) {}

    private final AlertLog log;
    private final SubscriptionBook subscriptions;
    private final String linkKey;
    private final Clock clock;

    /** @param linkKey checks the signed links in messages ({@code alerts.link-key}); null: such links are refused */
    public AlertRoutes(AlertLog log, SubscriptionBook subscriptions, String linkKey, Clock clock) {
        this.log = log;
        this.subscriptions = subscriptions;
        this.linkKey = linkKey;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/alerts", Role.VIEWER, TAG, "Alerts, newest first, each in its latest state", List.of(
                        Param.query("state", "ACTIVE, ACKNOWLEDGED, COMPLETED or ERROR"), Param.query("subscription", "one subscription's"),
                        Param.integer("limit", "how many (1 to 1000, default 100)")), (ctx, c) -> {
                    String state = Params.string(ctx, "state");
                    if (state != null && !Alert.STATES.contains(state)) throw ApiException.badRequest("state '" + Params.abbreviate(state) + "' is none of " + Alert.STATES);
                    return Map.of("alerts", log.current(state, Params.string(ctx, "subscription"), Params.integer(ctx, "limit", 100, 1, 1_000))
                            .stream().map(AlertLog::describe).toList());
                }),
                Route.get("/api/v1/alerts/subscriptions", Role.VIEWER, TAG, "Every subscription (webhook secrets hidden)", List.of(),
                        (ctx, c) -> Map.of("subscriptions", subscriptions.list().stream().map(SubscriptionBook::redacted).toList())),
                Route.post("/api/v1/alerts/subscriptions", Role.EDITOR, TAG, "Subscribe to an alert, or replace the subscription with the same id",
                        "a subscription: {id, rules or project, condition: {type, …}, channels: [{type, url, secret, to}], throttle, quietHours, zone}",
                        (ctx, caller) -> {
                            Subscription s = Params.body(ctx, Subscription.class);
                            try {
                                Subscription saved = subscriptions.save(s, caller.name(), clock.instant());
                                ctx.status(201);
                                return SubscriptionBook.redacted(saved);
                            } catch (IllegalArgumentException e) {
                                // The message names the field; the value it quotes is cut short (it is the caller's own).
                                String why = e.getMessage();
                                throw ApiException.badRequest(why.length() <= 400 ? why : why.substring(0, 400) + "…");
                            }
                        }),
                Route.get("/api/v1/alerts/subscriptions/{id}", Role.VIEWER, TAG, "One subscription", Route.pathParams("/api/v1/alerts/subscriptions/{id}"),
                        (ctx, c) -> subscriptions.get(ctx.pathParam("id")).map(SubscriptionBook::redacted)
                                .orElseThrow(() -> ApiException.notFound("no subscription '" + Params.abbreviate(ctx.pathParam("id")) + "'"))),
                Route.delete("/api/v1/alerts/subscriptions/{id}", Role.EDITOR, TAG, "Unsubscribe", (ctx, c) -> {
                    if (!subscriptions.delete(ctx.pathParam("id"))) throw ApiException.notFound("no subscription '" + Params.abbreviate(ctx.pathParam("id")) + "'");
                    return null;
                }),
                Route.get("/api/v1/alerts/{id}", Role.VIEWER, TAG, "One alert: every state it reached", Route.pathParams("/api/v1/alerts/{id}"), (ctx, c) -> {
                    List<Alert> history = log.history(ctx.pathParam("id"));
                    if (history.isEmpty()) throw ApiException.notFound("no alert '" + Params.abbreviate(ctx.pathParam("id")) + "'");
                    return Map.of("alertId", ctx.pathParam("id"), "history", history);
                }),
                Route.post("/api/v1/alerts/{id}/ack", Role.EDITOR, TAG, "Acknowledge an alert: someone is on it", "nothing",
                        (ctx, caller) -> acknowledge(ctx.pathParam("id"), caller.name())),
                // The link in a message is its own key: it names one alert, signed; the page asks before it posts here.
                Route.post("/api/v1/alerts/ack", null, TAG, "Acknowledge an alert through the signed link of its message", "{alert, sig}",
                        (ctx, c) -> {
                            LinkAck body = Params.body(ctx, LinkAck.class);
                            if (!AckLinks.valid(linkKey, body.alert(), body.sig())) throw new ApiException(403, "this link is not valid for that alert");
                            return acknowledge(body.alert(), "a link in its message");
                        }));
    }

    private Map<String, Object> acknowledge(String alertId, String who) throws Exception {
        try {
            Alert a = log.acknowledge(alertId, who, clock.instant());
            return Map.of("alertId", a.alertId, "state", a.state, "details", a.details);
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(Params.abbreviate(e.getMessage()));
        } catch (IllegalStateException e) {
            throw new ApiException(409, Params.abbreviate(e.getMessage()));
        }
    }
}
