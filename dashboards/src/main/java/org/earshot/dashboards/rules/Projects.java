package org.earshot.dashboards.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.earshot.dashboards.Database;
import org.earshot.schemas.Rule;

/**
 * Projects in ClickHouse's {@code projects} table, beside the numbers they are read with: every replica of the
 * dashboards server sees the same ones, and a report can join them. An edit or a deletion writes a new version
 * of the row; reads take the latest.
 */
public final class Projects {
    private final Database db;

    public Projects(Database db) {
        this.db = db;
    }

    public List<Project> list() throws SQLException {
        return db.list("SELECT id, name, brand_rules, competitor_rules FROM projects FINAL WHERE deleted = 0 ORDER BY id", List.of(),
                Projects::read);
    }

    public Optional<Project> get(String id) throws SQLException {
        return db.list("SELECT id, name, brand_rules, competitor_rules FROM projects FINAL WHERE id = ? AND deleted = 0", List.of(id),
                Projects::read).stream().findFirst();
    }

    public void put(Project p) throws SQLException {
        if (!Rule.validId(p.id())) throw new IllegalArgumentException("project id '" + p.id() + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        if (p.brandRules().isEmpty()) throw new IllegalArgumentException("a project needs at least one brand rule");
        write(p, 0);
    }

    /** Deletes the project; false when there is none. */
    public boolean delete(String id) throws SQLException {
        Optional<Project> p = get(id);
        if (p.isEmpty()) return false;
        write(p.get(), 1);
        return true;
    }

    private void write(Project p, int deleted) throws SQLException {
        // Arrays travel as their elements, each a parameter: splitByChar on a separator no rule id may hold.
        db.execute("INSERT INTO projects (id, name, brand_rules, competitor_rules, deleted, version) "
                        + "SELECT ?, ?, splitByChar(',', ?), if(? = '', [], splitByChar(',', ?)), ?, " + Database.TIME,
                List.of(p.id(), p.name() == null ? p.id() : p.name(), String.join(",", p.brandRules()), String.join(",", p.competitorRules()),
                        String.join(",", p.competitorRules()), deleted, Instant.now()));
    }

    private static Project read(ResultSet r) throws SQLException {
        return new Project(r.getString(1), r.getString(2), Database.strings(r.getArray(3)), Database.strings(r.getArray(4)));
    }
}
