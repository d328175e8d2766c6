package org.earshot.dashboards.server;

/**
 * A query or path parameter of a route, as the OpenAPI document describes it.
 *
 * @param type an OpenAPI type: string, integer, boolean, or string with a format (date-time)
 * @param repeated whether it may be given more than once ({@code network=a&network=b})
 */
public record Param(String name, String in, String type, String format, boolean required, boolean repeated, String description) {
    public static Param query(String name, String description) {
        return new Param(name, "query", "string", null, false, false, description);
    }

    public static Param repeated(String name, String description) {
        return new Param(name, "query", "string", null, false, true, description);
    }

    public static Param integer(String name, String description) {
        return new Param(name, "query", "integer", null, false, false, description);
    }

    public static Param time(String name, String description) {
        return new Param(name, "query", "string", "date-time", false, false, description);
    }

    public static Param path(String name, String description) {
        return new Param(name, "path", "string", null, true, false, description);
    }
}
