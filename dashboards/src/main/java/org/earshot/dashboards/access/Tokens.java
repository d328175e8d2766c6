package org.earshot.dashboards.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.earshot.dashboards.Database;

/**
 * API tokens in ClickHouse's {@code api_tokens}, shared by every replica of the dashboards server and by {@code
 * earshot tokens}. A token is shown once, when it is made; only its SHA-256 is kept. Lookups are cached for {@link
 * #CACHE}, so a revocation takes effect everywhere within that time.
 */
public final class Tokens {
    /** How long a lookup is trusted before ClickHouse is asked again. */
    public static final Duration CACHE = Duration.ofSeconds(2);
    private static final String PREFIX = "es_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token as listed: never its secret. */
    public record Token(String id, String name, Role role, Instant createdAt, boolean revoked) {}

    /** A new token and its secret, which exists nowhere else. */
    public record Created(Token token, String secret) {}

    private record Cached(Optional<Caller> caller, long until) {}

    private final Database db;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Tokens(Database db) {
        this.db = db;
    }

    public Created create(String name, Role role) throws SQLException {
        if (name == null || name.isBlank() || name.length() > 100) throw new IllegalArgumentException("a token needs a name of 1 to 100 characters");
        String secret = PREFIX + random(32);
        Token token = new Token("tok_" + random(9), name.strip(), role, Instant.now(), false);
        write(token, hash(secret), token.createdAt());
        return new Created(token, secret);
    }

    public List<Token> list() throws SQLException {
        return db.list("SELECT id, name, role, created_at, revoked FROM api_tokens FINAL ORDER BY created_at, id", List.of(),
                r -> new Token(r.getString(1), r.getString(2), Role.of(r.getString(3)), r.getTimestamp(4).toInstant(), r.getInt(5) == 1));
    }

    /** Revokes the token with this id; false when there is none. */
    public boolean revoke(String id) throws SQLException {
        List<Object[]> rows = db.list("SELECT name, role, created_at, hash FROM api_tokens FINAL WHERE id = ?", List.of(id),
                r -> new Object[] {r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(), r.getString(4)});
        if (rows.isEmpty()) return false;
        Object[] row = rows.get(0);
        Instant created = (Instant) row[2];
        Instant now = Instant.now();
        Instant version = now.isAfter(created) ? now : created.plusMillis(1);
        write(new Token(id, (String) row[0], Role.of((String) row[1]), created, true), (String) row[3], version);
        cache.clear();
        return true;
    }

    /** Who holds {@code secret}, if it is a live token. */
    public Optional<Caller> find(String secret) throws SQLException {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) return Optional.empty();
        String hash = hash(secret);
        Cached cached = cache.get(hash);
        long now = System.nanoTime();
        if (cached != null && now < cached.until()) return cached.caller();
        List<Caller> found = db.list("SELECT id, name, role FROM api_tokens FINAL WHERE hash = ? AND revoked = 0", List.of(hash),
                r -> new Caller(r.getString(1), r.getString(2), Role.of(r.getString(3))));
        Optional<Caller> caller = found.stream().findFirst();
        if (cache.size() > 10_000) cache.clear(); // a flood of made-up tokens must not grow the cache without end
        cache.put(hash, new Cached(caller, now + CACHE.toNanos()));
        return caller;
    }

    private void write(Token t, String hash, Instant version) throws SQLException {
        db.execute("INSERT INTO api_tokens (id, hash, name, role, created_at, revoked, version) VALUES (?, ?, ?, ?, " + Database.TIME
                + ", ?, " + Database.TIME + ")", List.of(t.id(), hash, t.name(), t.role().id(), t.createdAt(), t.revoked() ? 1 : 0, version));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
