package org.earshot.pipeline.alerts;

import java.io.Serializable;
import java.time.Duration;
import org.earshot.pipeline.mail.Mailer;

/**
 * How alerts are delivered.
 *
 * @param dashboardUrl where links in messages lead (the dashboards server as analysts reach it); null for no links
 * @param linkKey signs the acknowledge links in messages (the dashboards server checks them); null for no such links
 * @param attempts tries per channel before the notification is an ERROR and a dead letter
 * @param backoff the wait before the second try; it doubles with each try after, with jitter
 * @param timeout the most one try may take
 * @param perMinute notifications per minute at most to one channel (one URL, or one list of recipients)
 * @param smtp the mail server for email channels; null when there is none
 * @param templates a directory of templates that replace the bundled ones ({@link Messages}); null for none
 */
public record AlertsOptions(String dashboardUrl, String linkKey, int attempts, Duration backoff, Duration timeout, int perMinute,
                            Mailer.Smtp smtp, String templates) implements Serializable {
    public AlertsOptions {
        if (attempts < 1) throw new IllegalArgumentException("alerts need at least one delivery attempt");
        if (perMinute < 1) throw new IllegalArgumentException("alerts need a rate of at least one notification a minute per channel");
    }

    /** The defaults, without links, mail or templates. */
    public static AlertsOptions defaults() {
        return new AlertsOptions(null, null, 5, Duration.ofSeconds(2), Duration.ofSeconds(10), 60, null, null);
    }

    public AlertsOptions withDelivery(int tries, Duration firstBackoff, Duration attemptTimeout) {
        return new AlertsOptions(dashboardUrl, linkKey, tries, firstBackoff, attemptTimeout, perMinute, smtp, templates);
    }

    public AlertsOptions withSmtp(Mailer.Smtp server) {
        return new AlertsOptions(dashboardUrl, linkKey, attempts, backoff, timeout, perMinute, server, templates);
    }

    public AlertsOptions withRate(int notificationsPerMinute) {
        return new AlertsOptions(dashboardUrl, linkKey, attempts, backoff, timeout, notificationsPerMinute, smtp, templates);
    }

    public AlertsOptions withLinks(String dashboard, String key) {
        return new AlertsOptions(dashboard, key, attempts, backoff, timeout, perMinute, smtp, templates);
    }

    @Override
    public String toString() {
        return "AlertsOptions[" + dashboardUrl + ", " + attempts + " attempts, " + backoff + ", " + perMinute + "/min, " + smtp + "]"; // never the key
    }
}
