package org.earshot.pipeline.alerts;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.earshot.pipeline.ingest.http.AddressPolicy;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.schemas.Rule;
import org.earshot.schemas.Subscription;
import org.earshot.schemas.Subscription.Channel;
import org.earshot.schemas.Subscription.Condition;

/**
 * Whether a subscription can work, field by field: a refusal names the field and says what is wrong. The CLI and the
 * API check before they save (with the rules that exist); the Listen job checks every record it reads again (any rule
 * id may be one that comes later), so a hand-written record that cannot work becomes a dead letter.
 */
public final class SubscriptionCheck {
    static final Set<String> SENTIMENTS = Set.of("positive", "negative", "neutral");
    static final Set<String> CHANNELS = Set.of("webhook", "slack", "teams", "email");
    private static final Duration LONGEST_WINDOW = Duration.ofDays(7);

    private SubscriptionCheck() {}

    /** Refuses with an {@link IllegalArgumentException} naming the field; {@code ruleExists} judges each rule id. */
    public static void check(Subscription s, Predicate<String> ruleExists) {
        if (s == null) throw new IllegalArgumentException("no subscription");
        if (!Rule.validId(s.id)) throw new IllegalArgumentException("id '" + s.id + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        if (s.rules == null || s.rules.isEmpty()) throw new IllegalArgumentException("rules: name at least one rule (or a project that has rules)");
        for (String rule : s.rules) {
            if (!Rule.validId(rule)) throw new IllegalArgumentException("rules: '" + rule + "' is not a rule id");
            if (!ruleExists.test(rule)) throw new IllegalArgumentException("rules: there is no rule '" + rule + "'");
        }
        zone(s.zone);
        condition(s.condition);
        if (s.channels == null || s.channels.isEmpty()) throw new IllegalArgumentException("channels: name at least one (webhook, slack, teams or email)");
        for (int i = 0; i < s.channels.size(); i++) channel("channels[" + i + "]", s.channels.get(i));
        if (s.throttle != null && s.throttle.isNegative()) throw new IllegalArgumentException("throttle must not be negative");
        if (s.quietHours != null) {
            time("quietHours.from", s.quietHours.from());
            time("quietHours.to", s.quietHours.to());
        }
    }

    /** The zone, UTC when absent; refused when it is no IANA zone. */
    public static ZoneId zone(String zone) {
        if (zone == null || zone.isBlank()) return ZoneId.of("UTC");
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone '" + zone + "' is not a time zone (an IANA name such as Europe/Paris)");
        }
    }

    static void condition(Condition c) {
        if (c == null || c.type == null) throw new IllegalArgumentException("condition.type: name one of " + String.join(", ", Conditions.TYPES));
        if (!Conditions.TYPES.contains(c.type)) {
            throw new IllegalArgumentException("condition.type '" + c.type + "' is none of " + String.join(", ", Conditions.TYPES));
        }
        positive("condition.window", c.window);
        positive("condition.cooldown", c.cooldown);
        if (c.window != null && c.window.compareTo(LONGEST_WINDOW) > 0) throw new IllegalArgumentException("condition.window must be at most 7 days");
        // Counting windows slide in whole seconds; gathering every-match mentions may take less.
        if (c.window != null && !Conditions.EVERY_MATCH.equals(c.type) && c.window.toMillis() % 1_000 != 0) {
            throw new IllegalArgumentException("condition.window must be whole seconds");
        }
        if (c.window != null && c.window.toMillis() < 100) throw new IllegalArgumentException("condition.window must be at least 100 ms");
        atLeast("condition.maxMentions", c.maxMentions, 1);
        if (c.maxMentions != null && c.maxMentions > 100) throw new IllegalArgumentException("condition.maxMentions must be at most 100");
        atLeast("condition.count", c.count, 1);
        atLeast("condition.minVolume", c.minVolume, 0);
        atLeast("condition.baselineWindows", c.baselineWindows, Conditions.MIN_BASELINE_WINDOWS);
        if (c.baselineWindows != null && c.baselineWindows > 168) throw new IllegalArgumentException("condition.baselineWindows must be at most 168");
        if (c.k != null && !(c.k > 0)) throw new IllegalArgumentException("condition.k must be greater than 0 (it was " + c.k + ")");
        if (c.sensitivity != null) Conditions.k(c.sensitivity);
        if (c.sentiment != null && !SENTIMENTS.contains(c.sentiment)) {
            throw new IllegalArgumentException("condition.sentiment '" + c.sentiment + "' is none of positive, negative, neutral");
        }
        if (c.negativeShare != null && !(c.negativeShare > 0 && c.negativeShare <= 100)) {
            throw new IllegalArgumentException("condition.negativeShare must be a percentage above 0 and at most 100 (it was " + c.negativeShare + ")");
        }
        if (c.netDrop != null && !(c.netDrop > 0 && c.netDrop <= 200)) {
            throw new IllegalArgumentException("condition.netDrop must be points above 0 and at most 200 (it was " + c.netDrop + ")");
        }
        if (c.every != null && !List.of("hourly", "daily", "weekly").contains(c.every)) {
            throw new IllegalArgumentException("condition.every '" + c.every + "' is none of hourly, daily, weekly");
        }
        if (c.at != null) time("condition.at", c.at);
        if (c.day != null) {
            try {
                DayOfWeek.valueOf(c.day.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("condition.day '" + c.day + "' is no day of the week (MONDAY … SUNDAY)");
            }
        }
    }

    static void channel(String field, Channel c) {
        if (c == null || c.type == null || !CHANNELS.contains(c.type)) {
            throw new IllegalArgumentException(field + ".type must be one of webhook, slack, teams, email");
        }
        if (c.type.equals("email")) {
            if (c.to == null || c.to.isEmpty()) throw new IllegalArgumentException(field + ".to: name at least one recipient");
            for (String to : c.to) org.earshot.pipeline.mail.Mailer.address(to);
            return;
        }
        if (c.url == null || c.url.isBlank()) throw new IllegalArgumentException(field + ".url: a " + c.type + " channel needs the URL to POST to");
        if (c.type.equals("webhook")) {
            if (c.secret == null) throw new IllegalArgumentException(field + ".secret: a webhook is signed; give a secret whsec_<base64> (earshot alerts subscribe makes one)");
            WebhookSignature.key(c.secret); // refuses a malformed one, naming it
        }
        URI uri;
        try {
            uri = new URI(c.url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + ".url '" + c.url + "' is not a URL: " + e.getMessage());
        }
        AddressPolicy policy = c.privateAllowed() && uri.getHost() != null ? new AddressPolicy(Set.of(uri.getHost()), AddressPolicy.HTTP)
                : AddressPolicy.publicOnly();
        try {
            policy.check(uri);
        } catch (FetchException e) {
            // A name that does not resolve here may resolve where the job runs; delivery checks the address again.
            if (e.kind() == FetchException.Kind.NETWORK) return;
            throw new IllegalArgumentException(field + ".url: " + e.getMessage().replace("or --allow-private), or name the host in ingest.allow-private-hosts",
                    "--allow-private) for a receiver on this machine or network"));
        }
    }

    private static void positive(String field, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) throw new IllegalArgumentException(field + " must be longer than zero (it was " + d + ")");
    }

    private static void atLeast(String field, Integer value, int least) {
        if (value != null && value < least) throw new IllegalArgumentException(field + " must be at least " + least + " (it was " + value + ")");
    }

    private static void time(String field, String value) {
        try {
            LocalTime.parse(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + " '" + value + "' is no time of day (HH:mm)");
        }
    }

    /** A new webhook secret: {@code whsec_} and 24 random bytes in base64. */
    public static String newSecret() {
        byte[] key = new byte[24];
        new java.security.SecureRandom().nextBytes(key);
        return WebhookSignature.PREFIX + Base64.getEncoder().encodeToString(key);
    }
}
