package org.earshot.dashboards.access;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.earshot.dashboards.server.ApiException;

/**
 * Who may call what. A request carries its token as {@code Authorization: Bearer es_…} (scripts) or in the {@value
 * #COOKIE} cookie (the browser, after signing in); the cookie is HttpOnly and {@code SameSite=Strict}, so no other
 * site can send it. A missing or unknown token gets 401 with no detail; a token whose role is too small, 403.
 *
 * <p>A sign-in link carries a one-time code rather than a token: a link printed on a terminal or kept in a
 * browser's history is worthless once used, or after {@link #CODE_LIFETIME}.
 */
public final class Access {
    public static final String COOKIE = "earshot_session";
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
    private static final Duration SESSION = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Code(String secret, long until) {}

    private final Tokens tokens;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();

    public Access(Tokens tokens) {
        this.tokens = tokens;
    }

    public Tokens tokens() {
        return tokens;
    }

    /** The caller, if the request carries a live token whose role covers {@code role}; else a 401 or 403. */
    public Caller require(Context ctx, Role role) throws SQLException {
        Optional<Caller> caller = tokens.find(secret(ctx));
        if (caller.isEmpty()) throw new ApiException(401, "unauthorized");
        if (!caller.get().role().covers(role)) {
            throw new ApiException(403, "this needs the " + role.id() + " role; the token's role is " + caller.get().role().id());
        }
        return caller.get();
    }

    /** A one-time code that signs its holder in with {@code secret}'s token. */
    public String signInCode(String secret) {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        codes.values().removeIf(c -> System.nanoTime() > c.until());
        codes.put(code, new Code(secret, System.nanoTime() + CODE_LIFETIME.toNanos()));
        return code;
    }

    /** Signs the browser in with a one-time code or a token: sets the session cookie. */
    public Caller signIn(Context ctx, String code, String token) throws SQLException {
        String secret = token;
        if (code != null) {
            Code c = codes.remove(code);
            secret = c == null || System.nanoTime() > c.until() ? null : c.secret();
        }
        Optional<Caller> caller = tokens.find(secret);
        if (caller.isEmpty()) throw new ApiException(401, "unauthorized");
        ctx.header("Set-Cookie", COOKIE + "=" + secret + "; Path=/; Max-Age=" + SESSION.toSeconds() + "; HttpOnly; SameSite=Strict");
        return caller.get();
    }

    public void signOut(Context ctx) {
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    }

    private static String secret(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) return header.substring(7).strip();
        return ctx.cookie(COOKIE);
    }
}
