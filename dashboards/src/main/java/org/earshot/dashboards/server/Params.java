package org.earshot.dashboards.server;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads a request's parameters, refusing a malformed one with a 400 that names it. */
public final class Params {
    private Params() {}

    public static String string(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    public static List<String> strings(Context ctx, String name) {
        return ctx.queryParams(name).stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip)
                .filter(v -> !v.isEmpty()).toList();
    }

    public static Instant instant(Context ctx, String name) {
        String v = string(ctx, name);
        if (v == null) return null;
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("parameter '" + name + "' must be an ISO-8601 instant such as 2026-12-01T00:00:00Z, not '"
                    + abbreviate(v) + "'");
        }
    }

    /** A length of time such as {@code 90m}, {@code 24h} or {@code 30d}, at most ten years. */
    public static java.time.Duration length(Context ctx, String name) {
        String v = string(ctx, name);
        if (v == null) return null;
        try {
            return org.earshot.dashboards.views.Period.length(v);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("parameter '" + name + "' must be " + abbreviate(e.getMessage()));
        }
    }

    public static int integer(Context ctx, String name, int fallback, int min, int max) {
        String v = string(ctx, name);
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("parameter '" + name + "' must be a whole number from " + min + " to " + max + ", not '" + abbreviate(v) + "'");
    }

    public static <E extends Enum<E>> E choice(Context ctx, String name, Class<E> type, E fallback) {
        String v = string(ctx, name);
        if (v == null) return fallback;
        for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(v)) return e;
        throw ApiException.badRequest("parameter '" + name + "' must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList() + ", not '" + abbreviate(v) + "'");
    }

    /** The request's JSON body as {@code type}; a body that is not one is a 400. */
    public static <T> T body(Context ctx, Class<T> type) {
        try {
            T value = org.earshot.schemas.Json.mapper().readValue(ctx.body(), type);
            if (value == null) throw ApiException.badRequest("the body must be a JSON object");
            return value;
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("the body is not the JSON expected: " + abbreviate(String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        }
    }

    /** A value as quoted back in a message: never more than 80 characters of it. */
    public static String abbreviate(String v) {
        return v.length() <= 80 ? v : v.substring(0, 79) + "…";
    }
}
