package org.earshot.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message an alert sends, on its way from the evaluation to its channels ({@code earshot.notifications}). Its
 * {@link #id} is made from what it reports, so a replay makes the same id, and every retry of one delivery carries it
 * as {@code webhook-id}: a receiver drops repeats by it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Notification {
    /** {@code msg_} and 26 characters of a hash of what it reports. */
    public String id;
    public String subscriptionId;
    public String subscriptionName;
    public String alertId;
    /** The condition's type. */
    public String kind;
    /** {@code ACTIVE} when raised, {@code COMPLETED} when its condition cleared. */
    public String state;
    public String title;
    public String summary;
    public List<String> ruleIds = new ArrayList<>();
    public Instant at;
    public Instant windowStart;
    public Instant windowEnd;
    /** The numbers behind it, by name: mentions, baseline, negativeShare, … */
    public Map<String, Double> figures = new LinkedHashMap<>();
    public List<Brief> mentions = new ArrayList<>();
    /** Digests: the period's top terms and hashtags, with the previous period's counts. */
    public List<TermCount> terms = new ArrayList<>();
    public List<Subscription.Channel> channels = new ArrayList<>();

    public Notification() {}

    /** A mention as a notification shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Brief {
        public String id;
        public String network;
        public String url;
        public String author;
        public String text;
        public String lang;
        public String sentiment;
        public Long reach;
        public Instant publishedAt;
        /** When Earshot first had it: where the time from mention to notification is measured from. */
        public Instant fetchedAt;

        public Brief() {}
    }

    /** A term or hashtag of a digest: how often in the period, and in the one before. */
    public static class TermCount {
        public String term;
        public long count;
        public long previous;

        public TermCount() {}

        public TermCount(String term, long count, long previous) {
            this.term = term;
            this.count = count;
            this.previous = previous;
        }
    }

    @Override
    public String toString() {
        return "Notification{" + id + " " + kind + " " + state + " " + subscriptionId + ": " + title + "}";
    }
}
