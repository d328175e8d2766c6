package org.earshot.dashboards.access;

import java.util.Locale;

/** What a token may do; each role may do everything the ones before it may. */
public enum Role {
    /** Reads views, mentions, rules and projects. */
    VIEWER,
    /** Also writes rules and projects. */
    EDITOR,
    /** Also manages tokens. */
    ADMIN;

    public boolean covers(Role needed) {
        return ordinal() >= needed.ordinal();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String id) {
        for (Role r : values()) if (r.id().equals(id)) return r;
        throw new IllegalArgumentException("role must be viewer, editor or admin, not '" + id + "'");
    }
}
