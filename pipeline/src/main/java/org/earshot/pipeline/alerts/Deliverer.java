package org.earshot.pipeline.alerts;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.HttpSettings;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.pipeline.mail.Mailer;
import org.earshot.schemas.Notification;
import org.earshot.schemas.Subscription.Channel;

/**
 * One attempt to deliver a notification to one channel. Webhook, Slack and Teams URLs pass the same address policy as
 * the ingest HTTP client: a private or loopback address only where the channel allows it, redirects not followed.
 */
final class Deliverer implements AutoCloseable {
    /** Why an attempt failed, and whether another could succeed. */
    static final class Failed extends Exception {
        final boolean retryable;
        final Duration retryAfter;

        Failed(String message, boolean retryable, Duration retryAfter) {
            super(message, null, false, false);
            this.retryable = retryable;
            this.retryAfter = retryAfter;
        }
    }

    private final AlertsOptions options;
    private final Messages messages;
    private final HttpSettings http;
    private final PoliteHttp publicOnly;
    /** A client per host a channel allows to be private: the allowance is per host, as for feeds. */
    private final Map<String, PoliteHttp> privateHosts = new ConcurrentHashMap<>();
    private final Mailer mailer;

    Deliverer(AlertsOptions options, Messages messages) {
        this.options = options;
        this.messages = messages;
        this.http = HttpSettings.defaults().withTimeout(options.timeout()).withPerHostInterval(Duration.ZERO).withMaxBytes(1 << 20);
        this.publicOnly = new PoliteHttp(http);
        this.mailer = options.smtp() == null ? null : new Mailer(options.smtp());
    }

    void deliver(Notification n, Channel channel) throws Failed, InterruptedException {
        Messages.Links links = new Messages.Links(options.dashboardUrl() == null ? null
                : AckLinks.trim(options.dashboardUrl()) + "/#alerts", AckLinks.link(options.dashboardUrl(), options.linkKey(), n.alertId));
        switch (channel.type) {
            case "webhook" -> {
                byte[] body = messages.webhook(n, links, Instant.now());
                post(channel, WebhookSignature.headers(channel.secret, n.id, Instant.now().getEpochSecond(), body), body);
            }
            case "slack" -> post(channel, Map.of(), messages.slack(n, links));
            case "teams" -> post(channel, Map.of(), messages.teams(n, links));
            case "email" -> mail(n, channel, links);
            default -> throw new Failed("unknown channel type " + channel.type, false, null);
        }
    }

    private void post(Channel channel, Map<String, String> headers, byte[] body) throws Failed, InterruptedException {
        URI uri = URI.create(channel.url);
        try {
            client(channel, uri).post(uri, headers, "application/json", body);
        } catch (FetchException e) {
            boolean retryable = switch (e.kind()) {
                case REFUSED, MALFORMED -> false;
                case STATUS -> e.status() == 408 || e.status() == 425 || e.status() == 429 || e.status() >= 500;
                default -> true;
            };
            throw new Failed(e.getMessage(), retryable, e.retryAfter());
        }
    }

    private PoliteHttp client(Channel channel, URI uri) {
        if (!channel.privateAllowed() || uri.getHost() == null) return publicOnly;
        return privateHosts.computeIfAbsent(uri.getHost().toLowerCase(java.util.Locale.ROOT), h -> new PoliteHttp(http.withPrivateHosts(Set.of(h))));
    }

    private void mail(Notification n, Channel channel, Messages.Links links) throws Failed {
        if (mailer == null) throw new Failed("no mail server is set (reports.smtp.host)", false, null);
        try {
            mailer.send(messages.email(n, links, channel.to));
        } catch (jakarta.mail.MessagingException e) {
            throw new Failed("cannot send mail through " + options.smtp() + ": " + e.getMessage(), true, null);
        }
    }

    @Override
    public void close() {
        publicOnly.close();
        privateHosts.values().forEach(PoliteHttp::close);
    }
}
