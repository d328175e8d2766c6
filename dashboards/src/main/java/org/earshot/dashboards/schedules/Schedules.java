package org.earshot.dashboards.schedules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.earshot.dashboards.Database;
import org.earshot.dashboards.reports.ExportFormat;

/**
 * Report schedules in ClickHouse's {@code report_schedules}, and what was sent for them in {@code report_deliveries}
 * (migration V012): every dashboards server and {@code earshot report schedule} see the same ones.
 */
public final class Schedules {
    private static final String COLUMNS = "id, scope_kind, scope_id, file_format, every, weekday, at, zone, recipients, owner, "
            + "toUnixTimestamp64Milli(created_at)";

    /** One report sent, or refused with its reason. */
    public record Delivery(String scheduleId, Instant periodEnd, Instant sentAt, long bytes, String error) {}

    private final Database db;

    public Schedules(Database db) {
        this.db = db;
    }

    public List<Schedule> list() throws SQLException {
        return db.list("SELECT " + COLUMNS + " FROM report_schedules FINAL WHERE deleted = 0 ORDER BY id", List.of(), Schedules::read);
    }

    public Optional<Schedule> get(String id) throws SQLException {
        return db.list("SELECT " + COLUMNS + " FROM report_schedules FINAL WHERE id = ? AND deleted = 0", List.of(id), Schedules::read)
                .stream().findFirst();
    }

    public void put(Schedule s) throws SQLException {
        write(s, 0);
    }

    /** Deletes the schedule; false when there is none. */
    public boolean delete(String id) throws SQLException {
        Optional<Schedule> s = get(id);
        if (s.isEmpty()) return false;
        write(s.get(), 1);
        return true;
    }

    private void write(Schedule s, int deleted) throws SQLException {
        // Recipients travel as one parameter split on a comma, which no address accepted here holds.
        db.execute("INSERT INTO report_schedules (id, scope_kind, scope_id, file_format, every, weekday, at, zone, recipients, owner, created_at, "
                        + "deleted, version) SELECT ?, ?, ?, ?, ?, ?, ?, ?, splitByChar(',', ?), ?, " + Database.TIME + ", ?, " + Database.TIME,
                List.of(s.id(), s.scopeKind(), s.scopeId(), s.format().extension(), s.every().name().toLowerCase(java.util.Locale.ROOT),
                        s.weekday() == null ? 0 : s.weekday().getValue(), s.at().toString(), s.zone().getId(), String.join(",", s.recipients()),
                        s.owner(), s.created(), deleted, Instant.now()));
    }

    /** Whether a report (or a refusal) is recorded for the schedule's period ending at {@code periodEnd}. */
    public boolean delivered(String scheduleId, Instant periodEnd) throws SQLException {
        return !db.list("SELECT 1 FROM report_deliveries WHERE schedule_id = ? AND period_end = " + Database.TIME + " LIMIT 1",
                List.of(scheduleId, periodEnd), r -> 1).isEmpty();
    }

    public void recordDelivery(Schedule s, Instant periodEnd, long bytes, String error) throws SQLException {
        db.execute("INSERT INTO report_deliveries (schedule_id, period_end, sent_at, recipients, bytes, error) SELECT ?, " + Database.TIME + ", "
                + Database.TIME + ", splitByChar(',', ?), ?, ?", List.of(s.id(), periodEnd, Instant.now(), String.join(",", s.recipients()), bytes,
                error == null ? "" : error));
    }

    /** The schedule's newest deliveries, newest first. */
    public List<Delivery> deliveries(String scheduleId, int limit) throws SQLException {
        return db.list("SELECT schedule_id, toUnixTimestamp64Milli(period_end), toUnixTimestamp64Milli(sent_at), bytes, error FROM report_deliveries "
                + "FINAL WHERE schedule_id = ? ORDER BY period_end DESC LIMIT ?", List.of(scheduleId, limit), r -> new Delivery(r.getString(1),
                Instant.ofEpochMilli(r.getLong(2)), Instant.ofEpochMilli(r.getLong(3)), r.getLong(4), r.getString(5)));
    }

    private static Schedule read(ResultSet r) throws SQLException {
        int weekday = r.getInt(6);
        return new Schedule(r.getString(1), r.getString(2), r.getString(3), ExportFormat.of(r.getString(4)),
                Schedule.Every.valueOf(r.getString(5).toUpperCase(java.util.Locale.ROOT)), weekday == 0 ? null : DayOfWeek.of(weekday),
                LocalTime.parse(r.getString(7)), ZoneId.of(r.getString(8)), Database.strings(r.getArray(9)), r.getString(10),
                Instant.ofEpochMilli(r.getLong(11)));
    }
}
