package org.earshot.dashboards.publish;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.earshot.dashboards.access.Role;
import org.earshot.dashboards.server.ApiException;
import org.earshot.dashboards.server.Param;
import org.earshot.dashboards.server.Params;
import org.earshot.dashboards.server.Route;
import org.earshot.pipeline.publish.Account;
import org.earshot.pipeline.publish.Limits;
import org.earshot.pipeline.publish.PublicationBook;
import org.earshot.pipeline.publish.Publications;
import org.earshot.schemas.Publication;
import org.earshot.schemas.PublicationResult;

/**
 * {@code /api/v1/publications}: replies and posts handed to the Publish job, with what became of them, and the
 * accounts they go out from (names, networks and text limits; never a credential).
 */
public final class PublishRoutes {
    private static final String TAG = "publish";

    /** What the reply box sends: the account, the text, the mention answered, and when (null: at once). */
    public record Compose(String account, String text, String inReplyTo, String scheduledAt, String visibility) {}

    private final PublicationBook book;
    private final KnownMentions mentions;
    private final Clock clock;

    public PublishRoutes(PublicationBook book, KnownMentions mentions, Clock clock) {
        this.book = book;
        this.mentions = mentions;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/publications/accounts", Role.VIEWER, TAG, "The accounts replies go out from, with their network's text limit", List.of(),
                        (ctx, c) -> Map.of("accounts", book.accounts().stream().map(PublishRoutes::describe).toList())),
                Route.get("/api/v1/publications", Role.VIEWER, TAG, "Publications, newest first, with their status", List.of(
                        Param.query("status", "scheduled, posted, failed or cancelled"), Param.query("mention", "only the replies to this mention")), (ctx, c) -> {
                    String status = Params.string(ctx, "status");
                    if (status != null && !List.of(Publication.SCHEDULED, PublicationResult.POSTED, PublicationResult.FAILED, PublicationResult.CANCELLED).contains(status)) {
                        throw ApiException.badRequest("status '" + Params.abbreviate(status) + "' is none of scheduled, posted, failed, cancelled");
                    }
                    String mention = Params.string(ctx, "mention");
                    List<PublicationBook.Listed> listed = mention != null ? book.repliesTo(mention) : book.list();
                    return Map.of("publications", listed.stream().filter(l -> status == null || status.equals(l.status())).map(PublicationBook.Listed::describe).toList());
                }),
                Route.post("/api/v1/publications", Role.EDITOR, TAG, "Reply to a mention or post, now or at a time",
                        "{account, text, inReplyTo (a mention id), scheduledAt (ISO time; none: at once), visibility}", (ctx, caller) -> {
                            Compose body = Params.body(ctx, Compose.class);
                            Instant now = clock.instant();
                            Publication p = Publications.of(body.account(), null, body.text(), blankToNull(body.inReplyTo()), at(body.scheduledAt()), caller.name(), now);
                            p.visibility = blankToNull(body.visibility());
                            try {
                                book.schedule(p, p.inReplyTo == null ? null : mentions::mentionExists, now);
                            } catch (IllegalArgumentException e) {
                                String why = e.getMessage();
                                throw ApiException.badRequest(why.length() <= 400 ? why : why.substring(0, 400) + "…");
                            }
                            ctx.status(201);
                            return new PublicationBook.Listed(p, null).describe();
                        }),
                Route.post("/api/v1/publications/{id}/cancel", Role.EDITOR, TAG, "Cancel a publication that has not gone out", "nothing", (ctx, c) -> {
                    try {
                        return new PublicationBook.Listed(book.cancel(ctx.pathParam("id")), null).describe();
                    } catch (IllegalArgumentException e) {
                        throw ApiException.notFound("no publication '" + Params.abbreviate(ctx.pathParam("id")) + "'");
                    } catch (IllegalStateException e) {
                        throw new ApiException(409, e.getMessage());
                    }
                }));
    }

    private static Map<String, Object> describe(Account a) {
        Limits limits = Limits.defaults(a.network);
        return Map.of("name", a.name, "network", a.network, "maxChars", limits.maxChars(), "urlChars", limits.urlChars());
    }

    private static Instant at(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("scheduledAt '" + Params.abbreviate(text) + "' is not an ISO time such as 2026-12-04T09:00:00Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
