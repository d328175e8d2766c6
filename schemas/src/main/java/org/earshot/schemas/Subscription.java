package org.earshot.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An analyst's keyword alert, as it lives on the compacted topic {@code earshot.subscriptions}: which rules it watches
 * (or the project they were resolved from), when it fires ({@link #condition}), where it goes ({@link #channels}), how
 * often at most ({@link #throttle}) and when it keeps quiet. Keyed by {@link #id}; a tombstone deletes it.
 * Durations are ISO-8601 ({@code PT1M}); times of day are local to {@link #zone}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Subscription {
    /** Stable identity: 1–64 letters, digits, {@code . _ -}. Required. */
    public String id;
    public String name;
    /** Who it belongs to: the name of the token that made it, or what the CLI was given. */
    public String owner;
    /** The rules it watches; for a project, the project's rules when it was saved. */
    public List<String> rules = new ArrayList<>();
    public String project;
    public Condition condition;
    public List<Channel> channels = new ArrayList<>();
    /** At least this long between two notifications; null for none. */
    public Duration throttle;
    /** Notifications that fall in these hours wait until they end; null for none. */
    public QuietHours quietHours;
    /** IANA time zone of quiet hours and digests; UTC when absent. */
    public String zone;
    public Instant updatedAt;

    public Subscription() {}

    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }

    /** When a subscription fires, with each kind's parameters; absent ones take the defaults in {@code Conditions}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Condition {
        /** {@code every-match}, {@code threshold}, {@code volume-spike}, {@code sentiment-shift} or {@code digest}. */
        public String type;
        /** every-match: mentions per notification at most. */
        public Integer maxMentions;
        /** every-match: how long mentions are gathered; the others: the window counted. */
        public Duration window;
        /** threshold: mentions at least; sentiment-shift: mentions at least before it judges. */
        public Integer count;
        /** threshold: count only this network, language or sentiment label. */
        public String network;
        public String language;
        public String sentiment;
        /** volume-spike: {@code fewer}, {@code balanced} or {@code more} (k = 3, 2, 1.5), or k itself. */
        public String sensitivity;
        public Double k;
        /** volume-spike and sentiment-shift: how many earlier windows make the baseline. */
        public Integer baselineWindows;
        /** volume-spike: the window needs at least this many mentions. */
        public Integer minVolume;
        /** volume-spike: after a spike, the next one is raised only this long later. */
        public Duration cooldown;
        /** sentiment-shift: negative mentions, in percent of the window's, at least. */
        public Double negativeShare;
        /** sentiment-shift: net sentiment (positive − negative, in points of percent) fallen at least this far below its baseline. */
        public Double netDrop;
        /** digest: {@code hourly}, {@code daily} or {@code weekly}. */
        public String every;
        /** digest: local time of day, {@code HH:mm} (hourly: the minute past each hour). */
        public String at;
        /** digest, weekly: the day, {@code MONDAY} … {@code SUNDAY}. */
        public String day;

        public Condition() {}

        public Condition(String type) {
            this.type = type;
        }
    }

    /** Where notifications go: {@code webhook} (signed), {@code slack}, {@code teams} or {@code email}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Channel {
        public String type;
        /** webhook, slack, teams: where to POST. */
        public String url;
        /** webhook: the signing secret, {@code whsec_} and base64. */
        public String secret;
        /** email: the recipients. */
        public List<String> to;
        /** Whether the URL may name a private or loopback address (a receiver on this machine). */
        public Boolean allowPrivate;

        public Channel() {}

        public Channel(String type, String url) {
            this.type = type;
            this.url = url;
        }

        public boolean privateAllowed() {
            return Boolean.TRUE.equals(allowPrivate);
        }

        /** The channel without its secret, for listings. */
        public Channel redacted() {
            Channel c = new Channel(type, url);
            c.to = to;
            c.allowPrivate = allowPrivate;
            c.secret = secret == null ? null : "whsec_…";
            return c;
        }
    }

    /** Local hours, {@code HH:mm} to {@code HH:mm} (may wrap past midnight). */
    public record QuietHours(String from, String to) {}

    @Override
    public boolean equals(Object o) {
        return o instanceof Subscription s && Objects.equals(id, s.id) && Objects.equals(Json.toString(this), Json.toString(s));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }

    @Override
    public String toString() {
        return "Subscription{" + id + ": " + (condition == null ? null : condition.type) + " on " + rules + "}";
    }
}
