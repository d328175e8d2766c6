package org.earshot.jobs.cli;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.earshot.dashboards.Database;
import org.earshot.dashboards.rules.Projects;
import org.earshot.dashboards.rules.RuleBook;
import org.earshot.dashboards.schedules.Schedule;
import org.earshot.dashboards.schedules.Schedules;
import org.earshot.dashboards.server.ApiException;
import org.earshot.dashboards.views.Scopes;
import org.earshot.jobs.local.ClickHouseConnection;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.KafkaConnection;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.pipeline.kafka.RulesTopic;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot report schedule|schedules|unschedule}: reports emailed daily or weekly, kept in ClickHouse where
 * {@code earshot serve} (and the demo) read them and send them through {@code reports.smtp.*}.
 */
final class ReportScheduleCommands {
    private ReportScheduleCommands() {}

    interface Work<T> {
        T run(Schedules schedules, Database db) throws Exception;
    }

    static <T> T withSchedules(SettingsOptions settings, Work<T> work) throws Exception {
        EarshotConfig config = settings.config();
        DataDirectory data = new DataDirectory(settings.data());
        try (ClickHouseConnection clickhouse = ClickHouseConnection.open(config, data, 0)) {
            clickhouse.migrate(config);
            Database db = new Database(clickhouse::connect);
            return work.run(new Schedules(db), db);
        }
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true,
            description = {"Email a rule's or a project's report every day or every week at a local time, for example:",
                    "  earshot report schedule --project aurora-vs-nimbus --weekly monday --at 08:00 --zone Europe/Berlin --email boss@example.org",
                    "Each report covers the day or week that just ended. earshot serve (or the demo) sends it through reports.smtp.*."})
    static final class Add implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @ArgGroup(multiplicity = "1")
        ReportCommand.Target target;

        static final class Every {
            @Option(names = "--daily", required = true, description = "Every day.")
            boolean daily;

            @Option(names = "--weekly", required = true, paramLabel = "WEEKDAY", description = "Every week on this day (monday … sunday).")
            String weekday;
        }

        @ArgGroup(multiplicity = "1")
        Every every;

        @Option(names = "--at", required = true, paramLabel = "HH:MM", description = "The local time it is sent at.")
        String at;

        @Option(names = "--zone", defaultValue = "UTC", paramLabel = "ZONE", description = "The time zone of --at, e.g. Europe/Berlin (default: ${DEFAULT-VALUE}).")
        String zone;

        @Option(names = "--email", required = true, split = ",", paramLabel = "ADDRESS", description = "Who it goes to (repeatable or comma-separated).")
        List<String> recipients;

        @Option(names = "--format", defaultValue = "pdf", paramLabel = "FORMAT", description = "pdf, pptx or xlsx (default: ${DEFAULT-VALUE}).")
        String format;

        @Override
        public Integer call() throws Exception {
            EarshotConfig config = settings.config();
            try (KafkaConnection kafka = KafkaConnection.open(config, new DataDirectory(settings.data()))) {
                Schedule made = withSchedules(settings, (schedules, db) -> {
                    Scopes scopes = new Scopes(new RuleBook(new RulesTopic(kafka.settings())), new Projects(db));
                    String kind = target.rule != null ? "rule" : "project";
                    try {
                        String id = target.rule != null ? scopes.rule(target.rule).id() : scopes.project(target.project).id();
                        Schedule s = Schedule.of(kind, id, format, every.daily ? "day" : "week", every.weekday, at, zone, recipients,
                                "earshot report schedule", Instant.now());
                        schedules.put(s);
                        return s;
                    } catch (ApiException e) {
                        throw new IllegalArgumentException(e.getMessage(), e);
                    }
                });
                Map<String, Object> d = made.describe(Instant.now());
                System.out.printf("Scheduled %s: the %s report of %s %s, every %s at %s %s, to %s; next at %s.%n", made.id(), made.format().extension(),
                        made.scopeKind(), made.scopeId(), made.every() == Schedule.Every.DAY ? "day" : d.get("weekday"), made.at(), made.zone(),
                        String.join(", ", made.recipients()), d.get("next"));
            }
            return 0;
        }
    }

    @Command(name = "schedules", mixinStandardHelpOptions = true, description = "Every scheduled report: id, what, when, to whom, and its last delivery.")
    static final class Listed implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Override
        public Integer call() throws Exception {
            return withSchedules(settings, (schedules, db) -> {
                for (Schedule s : schedules.list()) {
                    List<Schedules.Delivery> last = schedules.deliveries(s.id(), 1);
                    System.out.printf("%s  %s %s  %s  every %s at %s %s  to %s  last: %s%n", s.id(), s.scopeKind(), s.scopeId(), s.format().extension(),
                            s.every() == Schedule.Every.DAY ? "day" : s.weekday().name().toLowerCase(java.util.Locale.ROOT), s.at(), s.zone(),
                            String.join(",", s.recipients()), last.isEmpty() ? "none yet" : last.get(0).error().isEmpty()
                                    ? "sent " + last.get(0).sentAt() : "refused: " + last.get(0).error());
                }
                return 0;
            });
        }
    }

    @Command(name = "unschedule", mixinStandardHelpOptions = true, description = "Stop a scheduled report.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Parameters(paramLabel = "ID", description = "The schedule's id (sch_…), as earshot report schedules lists it.")
        String id;

        @Override
        public Integer call() throws Exception {
            return withSchedules(settings, (schedules, db) -> {
                if (!schedules.delete(id)) throw new IllegalArgumentException("no schedule '" + id + "'");
                System.out.println("Stopped " + id + ".");
                return 0;
            });
        }
    }
}
