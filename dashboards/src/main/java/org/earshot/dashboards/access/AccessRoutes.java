package org.earshot.dashboards.access;

import java.util.List;
import java.util.Map;
import org.earshot.dashboards.server.ApiException;
import org.earshot.dashboards.server.Params;
import org.earshot.dashboards.server.Route;

/** Signing in and out, who am I, and tokens ({@code /api/v1/tokens}, admin only). */
public final class AccessRoutes {
    private static final String TAG = "access";

    record SignIn(String code, String token) {}

    record NewToken(String name, String role) {}

    private final Access access;

    public AccessRoutes(Access access) {
        this.access = access;
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/api/v1/signin", null, TAG, "Sign the browser in with a one-time code or a token: sets an HttpOnly, "
                        + "SameSite=Strict session cookie", "{code} or {token}", (ctx, c) -> {
                            SignIn in = Params.body(ctx, SignIn.class);
                            Caller caller = access.signIn(ctx, in.code(), in.token());
                            return Map.of("name", caller.name(), "role", caller.role().id());
                        }),
                Route.post("/api/v1/signout", null, TAG, "Sign the browser out: clears the session cookie", null, (ctx, c) -> {
                    access.signOut(ctx);
                    return Map.of("signedOut", true);
                }),
                Route.get("/api/v1/me", Role.VIEWER, TAG, "The token's name and role", List.of(),
                        (ctx, c) -> Map.of("name", c.name(), "role", c.role().id(), "token", c.tokenId())),
                Route.get("/api/v1/tokens", Role.ADMIN, TAG, "Every token (never its secret)", List.of(), (ctx, c) -> access.tokens().list()),
                Route.post("/api/v1/tokens", Role.ADMIN, TAG, "Make a token; its secret is in this answer only", "{name, role}", (ctx, c) -> {
                    NewToken t = Params.body(ctx, NewToken.class);
                    Role role;
                    try {
                        role = Role.of(t.role() == null ? "viewer" : t.role());
                    } catch (IllegalArgumentException e) {
                        throw ApiException.badRequest(e.getMessage());
                    }
                    ctx.status(201);
                    try {
                        return access.tokens().create(t.name(), role);
                    } catch (IllegalArgumentException e) {
                        throw ApiException.badRequest(e.getMessage());
                    }
                }),
                Route.delete("/api/v1/tokens/{id}", Role.ADMIN, TAG, "Revoke a token", (ctx, c) -> {
                    if (!access.tokens().revoke(ctx.pathParam("id"))) throw ApiException.notFound("no token '" + Params.abbreviate(ctx.pathParam("id")) + "'");
                    return null;
                }));
    }
}
