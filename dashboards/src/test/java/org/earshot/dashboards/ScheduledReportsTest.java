package org.earshot.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.earshot.dashboards.reports.ExportFormat;
import org.earshot.dashboards.reports.Reports;
import org.earshot.dashboards.rules.Projects;
import org.earshot.dashboards.rules.RuleBook;
import org.earshot.pipeline.mail.Mailer;
import org.earshot.dashboards.schedules.ReportScheduler;
import org.earshot.dashboards.schedules.Schedule;
import org.earshot.dashboards.schedules.Schedules;
import org.earshot.dashboards.views.Scopes;
import org.earshot.dashboards.views.Views;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.schemas.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scheduled reports through the API, and the scheduler against a real SMTP server (GreenMail) and ClickHouse, on a
 * clock the test moves: a report arrives once per period, with its PDF, also across a restart of the scheduler.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ScheduledReportsTest extends ServedTest {
    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** A clock that stands where the test puts it. */
    static final class Hands extends Clock {
        volatile Instant now;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private ReportScheduler scheduler(Hands clock) {
        Database db = new Database(clickhouse.server()::connect);
        Views views = new Views(db);
        Scopes scopes = new Scopes(new RuleBook(new RulesTopic(kafka.settings())), new Projects(db));
        return new ReportScheduler(new Schedules(db), new Reports(views, scopes::names), scopes, views,
                new Mailer(new Mailer.Smtp("127.0.0.1", smtp.getSmtp().getPort(), "", "", "earshot@localhost", false)), clock);
    }

    @Test
    void aDailyReportArrivesOncePerPeriodWithItsPdfAlsoAcrossARestart() throws Exception {
        new RulesTopic(kafka.settings()).put(new Rule("comet", "comet", "Comet", Instant.now()));
        assertThat(served.api().post("/api/v1/projects", served.editor(), Map.of("id", "space", "name", "Space", "brandRules", List.of("comet")))
                .status()).isEqualTo(201);
        ApiClient.Answer made = served.api().post("/api/v1/reports/schedules", served.editor(), Map.of("project", "space", "every", "day",
                "at", "08:00", "zone", "Europe/Berlin", "recipients", List.of("ana@example.org", "Boss <boss@example.org>")));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String id = made.json().get("id").asText();
        assertThat(made.json().get("recipients").toString()).isEqualTo("[\"ana@example.org\",\"boss@example.org\"]");
        Instant created = Instant.parse(made.json().get("created").asText());

        // Half an hour before the first 08:00 in Berlin after it was made: the latest due time came before the
        // schedule existed, so nothing goes out. (Which day that 08:00 falls on depends on when the test runs.)
        Hands clock = new Hands();
        ZonedDateTime firstDue = created.atZone(BERLIN).toLocalDate().atTime(8, 0).atZone(BERLIN);
        if (!firstDue.toInstant().isAfter(created)) firstDue = firstDue.plusDays(1);
        ZonedDateTime morning = firstDue.minusMinutes(30);
        clock.now = morning.toInstant();
        ReportScheduler scheduler = scheduler(clock);
        assertThat(scheduler.tick()).isZero();

        clock.now = morning.plusMinutes(31).toInstant(); // 08:01
        assertThat(scheduler.tick()).isEqualTo(1);
        assertThat(scheduler.tick()).as("the same period again").isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(2); // one copy for each recipient
        MimeMessage mail = smtp.getReceivedMessages()[0];
        Instant due = morning.plusMinutes(30).toInstant();
        assertThat(mail.getSubject()).contains("Space: project report");
        assertThat(mail.getMessageID()).isEqualTo("<" + id + "." + due.toEpochMilli() + "@earshot>");
        byte[] pdf = attachment(mail, "application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Space: project report", "No mentions in this period", "Generated");
            java.time.format.DateTimeFormatter utc = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
            String period = utc.format(due.minus(java.time.Duration.ofDays(1))) + " to " + utc.format(due);
            assertThat(text).as("the day that ended at 08:00 in Berlin").contains(period);
        }

        // Restarted: the delivery recorded in ClickHouse keeps the period from going out again.
        scheduler.close();
        ReportScheduler restarted = scheduler(clock);
        assertThat(restarted.tick()).isZero();
        clock.now = morning.plusDays(1).plusHours(2).toInstant();
        assertThat(restarted.tick()).as("the next day's").isEqualTo(1);
        clock.now = morning.plusDays(5).toInstant();
        assertThat(restarted.tick()).as("after days stopped, only the latest period").isEqualTo(1);
        assertThat(restarted.tick()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(6);

        JsonNode listed = served.api().get("/api/v1/reports/schedules", served.viewer()).json();
        assertThat(listed.get("sending").asBoolean()).as("this server has no SMTP configured").isFalse();
        JsonNode mine = listed.get("schedules").get(0);
        assertThat(mine.get("id").asText()).isEqualTo(id);
        assertThat(mine.get("deliveries")).hasSize(3);
        assertThat(served.api().delete("/api/v1/reports/schedules/" + id, served.editor()).status()).isEqualTo(204);
        clock.now = morning.plusDays(6).plusHours(2).toInstant();
        assertThat(restarted.tick()).as("deleted").isZero();
        restarted.close();
    }

    @Test
    void aReportThatCannotBeMadeIsRecordedOnceWithItsReasonAndBadSchedulesAreNamed() throws Exception {
        Database db = new Database(clickhouse.server()::connect);
        Schedules schedules = new Schedules(db);
        Schedule gone = Schedule.of("rule", "gone", "pdf", "week", "monday", "06:00", "UTC", List.of("ops@example.org"), "test",
                Instant.parse("2026-01-01T00:00:00Z"));
        schedules.put(gone);
        Hands clock = new Hands();
        clock.now = Instant.parse("2026-11-30T07:00:00Z"); // a Monday
        try (ReportScheduler scheduler = scheduler(clock)) {
            int before = smtp.getReceivedMessages().length;
            assertThat(scheduler.tick()).isZero();
            assertThat(scheduler.tick()).isZero();
            assertThat(smtp.getReceivedMessages()).hasSize(before);
        }
        List<Schedules.Delivery> recorded = schedules.deliveries(gone.id(), 10);
        assertThat(recorded).singleElement().satisfies(d -> {
            assertThat(d.error()).contains("no rule 'gone'");
            assertThat(d.periodEnd()).isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
        });
        schedules.delete(gone.id());

        assertThat(bad(Map.of("rule", "nope", "every", "day", "at", "08:00", "zone", "UTC", "recipients", List.of("a@example.org"))).status())
                .isEqualTo(404);
        new RulesTopic(kafka.settings()).put(new Rule("meteor", "meteor", "Meteor", Instant.now()));
        // The server reads the rules topic again after a second: wait until it knows the new rule.
        for (long until = System.nanoTime() + 30_000_000_000L; System.nanoTime() < until; Thread.sleep(100)) {
            if (served.api().get("/api/v1/rules/meteor", served.viewer()).status() == 200) break;
        }
        assertThat(error(Map.of("rule", "meteor", "every", "day", "at", "08:00", "zone", "Mars/Olympus", "recipients", List.of("a@example.org"))))
                .contains("'zone'", "Mars/Olympus");
        assertThat(error(Map.of("rule", "meteor", "every", "day", "at", "8 o'clock", "zone", "UTC", "recipients", List.of("a@example.org"))))
                .contains("'at'", "08:00");
        assertThat(error(Map.of("rule", "meteor", "every", "week", "at", "08:00", "zone", "UTC", "recipients", List.of("a@example.org"))))
                .contains("weekday");
        assertThat(error(Map.of("rule", "meteor", "every", "day", "at", "08:00", "zone", "UTC", "recipients", List.of("not an address"))))
                .contains("not an address");
        assertThat(error(Map.of("rule", "meteor", "every", "day", "at", "08:00", "zone", "UTC", "format", "png", "recipients", List.of("a@example.org"))))
                .contains("pdf, pptx or xlsx");
        assertThat(served.api().post("/api/v1/reports/schedules", served.viewer(), Map.of("rule", "meteor")).status()).isEqualTo(403);
        assertThat(ExportFormat.of("pdf")).isEqualTo(ExportFormat.PDF);
    }

    private static ApiClient.Answer bad(Map<String, Object> body) {
        return served.api().post("/api/v1/reports/schedules", served.editor(), body);
    }

    private static String error(Map<String, Object> body) {
        ApiClient.Answer a = bad(body);
        assertThat(a.status()).as(a.text()).isEqualTo(400);
        return a.json().get("error").asText();
    }

    /** The bytes of the message's attachment of {@code type}. */
    private static byte[] attachment(MimeMessage mail, String type) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            Part p = parts.getBodyPart(i);
            if (p.isMimeType(type)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                p.getDataHandler().writeTo(out);
                assertThat(p.getFileName()).endsWith(".pdf");
                return out.toByteArray();
            }
        }
        throw new AssertionError("no " + type + " attached");
    }
}
