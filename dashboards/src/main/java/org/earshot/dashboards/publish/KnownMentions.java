package org.earshot.dashboards.publish;

import java.sql.SQLException;
import java.util.List;
import org.earshot.dashboards.Database;

/** Whether Earshot holds a mention, as ClickHouse's {@code mentions} says: a reply must answer one it has seen. */
public final class KnownMentions {
    private final Database db;

    public KnownMentions(Database db) {
        this.db = db;
    }

    /** Whether Earshot holds mention {@code id} (a reply must answer one it has seen). */
    public boolean mentionExists(String id) {
        try {
            return !db.list("SELECT 1 FROM mentions WHERE id = ? LIMIT 1", List.of(id), rs -> 1).isEmpty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up mention " + id + " in ClickHouse: " + e.getMessage(), e);
        }
    }
}
