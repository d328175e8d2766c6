-- Scheduled reports: a rule's or project's report, made daily or weekly at a local time in a time zone
-- and emailed to its recipients. An edit or a deletion is a new version of the row. (file_format, not
-- format: the JDBC driver reads a column named format in an INSERT as a FORMAT clause.)
CREATE TABLE IF NOT EXISTS report_schedules
(
    id         String,
    scope_kind LowCardinality(String),
    scope_id   String,
    file_format LowCardinality(String),
    every      LowCardinality(String),
    weekday    UInt8,
    at         String,
    zone       String,
    recipients Array(String),
    owner      String,
    created_at DateTime64(3, 'UTC'),
    deleted    UInt8 DEFAULT 0,
    version    DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- One row per report sent (or refused, with the reason) for a schedule's period: the scheduler sends a
-- period only when it has no row, so a restart does not send it twice.
CREATE TABLE IF NOT EXISTS report_deliveries
(
    schedule_id String,
    period_end  DateTime64(3, 'UTC'),
    sent_at     DateTime64(3, 'UTC'),
    recipients  Array(String),
    bytes       UInt64,
    error       String DEFAULT ''
)
ENGINE = ReplacingMergeTree
ORDER BY (schedule_id, period_end);
