package org.earshot.dashboards.schedules;

import org.earshot.pipeline.mail.Mailer;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.earshot.dashboards.reports.Exports;
import org.earshot.dashboards.reports.Report;
import org.earshot.dashboards.reports.Reports;
import org.earshot.dashboards.server.ApiException;
import org.earshot.dashboards.views.Filter;
import org.earshot.dashboards.views.Scope;
import org.earshot.dashboards.views.Scopes;
import org.earshot.dashboards.views.Views;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each schedule's report once per period: every so often it looks at each schedule's newest due time, and
 * when nothing is recorded for that period yet, makes the report, mails it, and records it in
 * {@code report_deliveries}. The record is what a restart reads, so a period is sent once across restarts; a
 * schedule made after its time of day waits for the next one; after a long stop only the latest period is sent.
 * A report that cannot be made (its rule was deleted) is recorded with the reason, and not tried again; a mail
 * that cannot be sent is tried again at the next look.
 */
public final class ReportScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);

    private final Schedules schedules;
    private final Reports reports;
    private final Scopes scopes;
    private final Views views;
    private final Mailer mailer;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public ReportScheduler(Schedules schedules, Reports reports, Scopes scopes, Views views, Mailer mailer, Clock clock) {
        this.schedules = schedules;
        this.reports = reports;
        this.scopes = scopes;
        this.views = views;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** Looks every {@code every}, on a thread of its own, until closed. */
    public ReportScheduler start(Duration every) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "earshot-report-scheduler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (Exception e) {
                LOG.warn("scheduled reports: {}", e.toString());
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Sends what is due and not sent yet; how many reports went out. */
    public int tick() throws Exception {
        Instant now = clock.instant();
        int sent = 0;
        for (Schedule s : schedules.list()) {
            Instant due = s.lastDue(now);
            if (due.isBefore(s.created()) || schedules.delivered(s.id(), due)) continue;
            Report report;
            try {
                Scope scope = s.scopeKind().equals("rule") ? scopes.rule(s.scopeId()) : scopes.project(s.scopeId());
                report = reports.make(scope, s.period(due), Filter.NONE, null);
            } catch (ApiException | IllegalArgumentException e) {
                LOG.warn("scheduled report {} for the period ending {} cannot be made: {}", s.id(), due, e.getMessage());
                schedules.recordDelivery(s, due, 0, e.getMessage());
                continue;
            }
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            Exports.write(report, s.format(), views, Filter.NONE, file);
            mailer.send(mail(s, due, report, file.toByteArray()));
            schedules.recordDelivery(s, due, file.size(), null);
            LOG.info("scheduled report {} for the period ending {} sent to {} recipient(s)", s.id(), due, s.recipients().size());
            sent++;
        }
        return sent;
    }

    private static Mailer.Mail mail(Schedule s, Instant due, Report report, byte[] file) {
        String period = report.periodLine();
        String subject = report.title() + ", " + period;
        StringBuilder text = new StringBuilder(subject).append("\n\n");
        Document html = Document.createShell("");
        Element body = html.body();
        body.appendElement("h2").text(report.title());
        body.appendElement("p").text(period + (report.empty() ? ": no mentions in this period." : ""));
        Element list = body.appendElement("ul");
        for (Report.Section section : report.sections()) {
            for (Map.Entry<String, Object> t : section.totals().entrySet()) {
                Object before = section.previous().get(t.getKey());
                String line = section.title() + ", " + t.getKey() + ": " + t.getValue() + (before == null ? "" : " (before: " + before + ")");
                text.append("- ").append(line).append('\n');
                list.appendElement("li").text(line);
            }
        }
        text.append("\nThe full report is attached. Schedule ").append(s.id()).append(".\n");
        body.appendElement("p").text("The full report is attached. Schedule " + s.id() + ".");
        return new Mailer.Mail(s.recipients(), subject, text.toString(), html.outerHtml(), Exports.filename(report, s.format()),
                s.format().contentType, file, "<" + s.id() + "." + due.toEpochMilli() + "@earshot>");
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
    }
}
